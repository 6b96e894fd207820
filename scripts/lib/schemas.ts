// The JSON Schemas of the contract as the client gets them (generated/operations.js): `$ref`s
// inlined, annotations dropped, and only the keywords src/validate.ts checks and the
// `x-client-*` extensions src/input.ts and src/validate.ts read. Any other keyword fails the build, so that no
// constraint of the contract goes unchecked.
import { at, type Json } from "./operations.js";

const CHECKED = new Set([
  "type", "enum", "required", "properties", "additionalProperties", "items", "anyOf", "pattern", "minimum", "maximum", "contentSchema",
  "x-client-number", "x-client-boolean", "x-client-append", "x-client-from-path", "x-client-pattern-words",
]);
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "deprecated", "format", "default", "readOnly", "writeOnly", "$comment"]);

/** A schema with its `$ref` followed; the keywords beside the `$ref` (a description) apply too. */
export function resolved(spec: Json, schema: unknown): Json | boolean {
  let node: any = schema;
  let siblings: Json = {};
  while (node !== null && typeof node === "object" && typeof node.$ref === "string") {
    const { $ref, ...rest } = node;
    siblings = { ...rest, ...siblings };
    node = at(spec, $ref);
  }
  if (typeof node === "boolean") return node;
  for (const keyword of Object.keys(siblings)) {
    if (!ANNOTATIONS.has(keyword) && keyword in node) throw new Error(`\`${keyword}\` both beside a $ref and in what it names`);
  }
  return { ...node, ...siblings };
}

/** `schema` in the subset src/validate.ts checks. */
export function compactSchema(spec: Json, schema: unknown, where: string): Json | boolean {
  const node = resolved(spec, schema);
  if (typeof node === "boolean") return node;
  const compact: Json = {};
  // The client reads a contentSchema as JSON's: no other media type may come with one.
  if (node.contentSchema && node.contentMediaType !== "application/json") throw new Error(`${where}: a contentSchema the client can read needs contentMediaType application/json`);
  // An error states the rule a value broke in words, never as a bare regular expression.
  if (node.pattern !== undefined && typeof node["x-client-pattern-words"] !== "string") throw new Error(`${where}: a pattern needs x-client-pattern-words, the rule in words`);
  for (const [keyword, value] of Object.entries<any>(node)) {
    if (ANNOTATIONS.has(keyword) || keyword === "contentMediaType") continue;
    if (!CHECKED.has(keyword)) throw new Error(`${where}: the client's validator does not check \`${keyword}\``);
    if (keyword === "enum" && value.some((item: unknown) => item !== null && typeof item === "object")) {
      throw new Error(`${where}: the client's validator compares enum values of primitive types only`);
    }
    compact[keyword] =
      keyword === "properties"
        ? Object.fromEntries(Object.entries(value).map(([name, item]) => [name, compactSchema(spec, item, `${where}.${name}`)]))
        : keyword === "anyOf"
          ? value.map((item: unknown, index: number) => compactSchema(spec, item, `${where}.anyOf[${index}]`))
          : ["items", "additionalProperties", "contentSchema"].includes(keyword) && typeof value === "object"
            ? compactSchema(spec, value, `${where}.${keyword}`)
            : value;
  }
  return compact;
}
