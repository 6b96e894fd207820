// Checks a JSON value against a schema of generated/operations.js: the subset of JSON Schema
// 2020-12 that scripts/lib/schemas.ts lets through (the build fails on any other keyword, so
// none goes unchecked). test/validate.test.ts holds it to Ajv's verdicts.

export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** A string holding JSON (`application/json`), checked against `contentSchema` once parsed. */
  contentMediaType?: string;
  contentSchema?: Schema;
  "x-client-number"?: { decimals?: number };
  "x-client-boolean"?: [unknown, unknown];
  "x-client-append"?: { when: string; text: string };
  "x-client-from-path"?: string;
  /** What `pattern` takes, in words: the rule an error states. */
  "x-client-pattern-words"?: string;
}

/** Where a value breaks its schema: the keys and indexes that lead to it, and the rule, in words. */
export interface Violation {
  at: (string | number)[];
  rule: string;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

// Ajv's own tests: numbers are finite; integers have no fraction.
const TYPES: Record<string, (value: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (value) => typeof value === "string",
  number: Number.isFinite,
  integer: Number.isInteger,
  boolean: (value) => typeof value === "boolean",
  null: (value) => value === null,
};

const patterns = new Map<string, RegExp>();
/** Compiled as Ajv compiles them (with the `u` flag), once each. */
export function regExp(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) patterns.set(pattern, (compiled = new RegExp(pattern, "u")));
  return compiled;
}

const typesOf = (schema: Schema) => [schema.type ?? []].flat().join(" or ");

/** What a pattern takes, in the contract's words. */
export const patternWords = (schema: Schema) => schema["x-client-pattern-words"] ?? `a string matching ${schema.pattern}`;

/** A schema in a few words, for the rule of an `anyOf`. */
const described = (schema: Schema) =>
  schema.pattern !== undefined
    ? patternWords(schema)
    : (typesOf(schema) || "any value") + (schema.minimum === undefined ? "" : ` from ${schema.minimum}${schema.maximum === undefined ? "" : ` to ${schema.maximum}`}`);

/** The rule `value` breaks, with `at` left where it does; undefined, and `at` as it was, when it conforms. */
function broken(schema: Schema | boolean, value: unknown, at: (string | number)[]): string | undefined {
  if (schema === true) return undefined;
  if (schema === false) return "is not a documented field";
  const { type } = schema;
  if (type !== undefined && !(typeof type === "string" ? TYPES[type]!(value) : type.some((name) => TYPES[name]!(value)))) return `must be ${typesOf(schema)}`;
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`;
  if (schema.anyOf && !schema.anyOf.some((branch) => !broken(branch, value, []))) {
    return `must be ${schema.anyOf.map(described).join(", or ")}`;
  }
  if (typeof value === "string") {
    if (schema.pattern !== undefined && !regExp(schema.pattern).test(value)) return `must be ${patternWords(schema)}`;
    if (schema.contentSchema) {
      let content: unknown;
      try {
        content = JSON.parse(value);
      } catch {
        return "must be a string holding JSON";
      }
      return broken(schema.contentSchema, content, at);
    }
  }
  if (typeof value === "number") {
    if (value < (schema.minimum ?? -Infinity)) return `must be at least ${schema.minimum}`;
    if (value > (schema.maximum ?? Infinity)) return `must be at most ${schema.maximum}`;
  }
  if (Array.isArray(value)) {
    for (let index = 0; schema.items && index < value.length; index++) {
      at.push(index);
      const rule = broken(schema.items, value[index], at);
      if (rule) return rule;
      at.pop();
    }
  } else if (isObject(value)) {
    // As Ajv: a member that is undefined is absent.
    for (const name of schema.required ?? []) {
      if (value[name] === undefined || !Object.hasOwn(value, name)) return at.push(name), "is required";
    }
    for (const name of Object.keys(value)) {
      const rule = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : schema.additionalProperties;
      if (rule === undefined || value[name] === undefined) continue;
      at.push(name);
      const found = broken(rule, value[name], at);
      if (found) return found;
      at.pop();
    }
  }
  return undefined;
}

/** The first way `value` breaks `schema`, or undefined when it conforms. */
export function violation(schema: Schema | boolean, value: unknown): Violation | undefined {
  const at: (string | number)[] = [];
  const rule = broken(schema, value, at);
  return rule === undefined ? undefined : { at, rule };
}
