// generated/client.d.ts: the types of the resource methods, from the contract. Each method's
// arguments are its path parameters, its input (query parameters and body fields, by option
// name, typed as the client takes them) and the call's options; each resolves to the
// operation's documented success. Descriptions become doc comments, for editor help.
import { optionName } from "../../src/input.js";
import type { Json, Operation } from "./operations.js";
import { resolved } from "./schemas.js";

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const union = (types: string[]) => [...new Set(types)].join(" | ") || "never";

/** A doc comment, indented. */
function doc(text: string | undefined, indent: string): string {
  if (!text?.trim()) return "";
  const lines = text.trim().replaceAll("*/", "*\\/").split("\n");
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** The TypeScript type a caller passes for `schema`: option names, and what `x-client-*` also takes. */
export function inputType(spec: Json, schema: unknown, indent = ""): string {
  const node = resolved(spec, schema);
  if (typeof node === "boolean") return node ? "unknown" : "never";
  if (node.contentMediaType === "application/json" && node.contentSchema) return inputType(spec, node.contentSchema, indent);
  if (node.anyOf) return union(node.anyOf.map((branch: unknown) => inputType(spec, branch, indent)));
  const extra = [...(node["x-client-boolean"] ? ["boolean"] : []), ...(node["x-client-number"] ? ["number"] : [])];
  if (node.enum) return union([...node.enum.map((value: unknown) => JSON.stringify(value)), ...extra]);
  if (node.type === undefined) return "unknown";
  return union([
    ...[node.type].flat().map((type: string) => {
      if (type === "integer" || type === "number") return "number";
      if (type === "array") {
        const item = node.items === undefined ? "unknown" : inputType(spec, node.items, indent);
        return item.startsWith("{") || !item.includes("|") ? `${item}[]` : `(${item})[]`;
      }
      if (type === "object") return objectType(spec, node, indent);
      return type;
    }),
    ...extra,
  ]);
}

function objectType(spec: Json, node: Json, indent: string, skip: Set<string> = new Set()): string {
  if (!node.properties) return "Record<string, unknown>";
  const required = new Set<string>(node.required ?? []);
  const members = Object.entries<unknown>(node.properties)
    .filter(([name]) => !skip.has(name))
    .map(([name, property]) => {
      const described = resolved(spec, property);
      const description = typeof described === "boolean" ? undefined : described.description;
      const optional = required.has(name) ? "" : "?";
      const type = inputType(spec, property, `${indent}  `);
      return `${doc(description, `${indent}  `)}${indent}  ${optionName(name)}${optional}: ${type}${optional ? " | undefined" : ""};`;
    });
  if (node.additionalProperties !== false) members.push(`${indent}  [member: string]: unknown;`);
  return `{\n${members.join("\n")}\n${indent}}`;
}

/** The input of an operation: its query parameters and body fields, but those the client fills in from the path. */
function inputOf(spec: Json, operation: Operation): { type: string; required: boolean } | undefined {
  const body = operation.requestBody?.schema ? resolved(spec, operation.requestBody.schema) : undefined;
  const bodyNode = typeof body === "object" ? body : { properties: {} };
  const filled = new Set(Object.entries<Json>(bodyNode.properties ?? {}).filter(([, schema]) => schema["x-client-from-path"]).map(([name]) => name));
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  const merged: Json = {
    properties: {
      ...Object.fromEntries(query.map((parameter) => [parameter.name, { ...parameter.schema, description: parameter.description }])),
      ...bodyNode.properties,
    },
    required: [...query.filter((parameter) => parameter.required).map((parameter) => parameter.name), ...(bodyNode.required ?? [])].filter(
      (name) => !filled.has(name),
    ),
    additionalProperties: false,
  };
  if (Object.keys(merged.properties).length === filled.size) return undefined;
  return { type: objectType(spec, merged, "", filled), required: merged.required.length > 0 };
}

export function clientTypes(spec: Json, operations: Operation[]): string {
  const declarations: string[] = [];
  const resources = new Map<string, string[]>();
  for (const operation of operations) {
    const { operationId, client } = operation;
    const name = pascal(operationId);
    const success = operation.responses.find((response) => /^2\d\d$/.test(response.status))!.status;
    declarations.push(
      `${doc(`The documented ${success} body of ${operationId} (${client.resource}.${client.method}).`, "")}` +
        `export type ${name}Response = operations[${JSON.stringify(operationId)}]["responses"][${success}]["content"]["application/json"];`,
    );
    const parameters = operation.parameters
      .filter((parameter) => parameter.in === "path")
      .map((parameter) => `${optionName(parameter.name)}: ${inputType(spec, parameter.schema)}`);
    const input = inputOf(spec, operation);
    if (input) {
      if (!client.input) throw new Error(`${operationId}: an operation that takes query parameters or a body needs x-client-input (its argument's name)`);
      declarations.push(`${doc(`The input of ${client.resource}.${client.method}: ${operation.summary.toLowerCase()}.`, "")}export interface ${name}Input ${input.type}`);
      parameters.push(`${client.input}${input.required ? "" : "?"}: ${name}Input`);
    }
    parameters.push("options?: RequestOptions");
    const methods = resources.get(client.resource) ?? [];
    methods.push(`${doc(`${operation.summary}.\n\n${operation.description}`, "  ")}  ${client.method}(${parameters.join(", ")}): APIPromise<${name}Response>;`);
    resources.set(client.resource, methods);
  }
  const interfaces = [...resources].map(([resource, methods]) => `export interface ${pascal(resource)}Resource {\n${methods.join("\n")}\n}`);
  const filled = operations.flatMap(({ operationId, requestBody }) => {
    const body = requestBody?.schema ? resolved(spec, requestBody.schema) : undefined;
    const members = Object.entries<unknown>(typeof body === "object" ? (body.properties ?? {}) : {})
      .filter(([, member]) => (resolved(spec, member) as Json)["x-client-from-path"])
      .map(([name]) => JSON.stringify(name));
    return members.length > 0 ? [`  ${operationId}: ${members.join(" | ")};`] : [];
  });
  return [
    `import type { APIPromise } from "../src/api-promise.js";`,
    `import type { RequestOptions } from "../src/options.js";`,
    `import type { operations } from "./schema.js";`,
    "",
    ...declarations.flatMap((declaration) => [declaration, ""]),
    ...interfaces.flatMap((declaration) => [declaration, ""]),
    `/** The body members the client fills in from the path (x-client-from-path), by operation. */`,
    `export interface FilledFromPath {\n${filled.join("\n")}\n}`,
    "",
    `/** The resources of the client, each with its operations' methods. */`,
    `export interface Resources {\n${[...resources.keys()].map((resource) => `  ${resource}: ${pascal(resource)}Resource;`).join("\n")}\n}`,
    "",
  ].join("\n");
}
