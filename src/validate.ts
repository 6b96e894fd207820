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

const list = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");

function parsedJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The first way `value` breaks `schema`, or undefined when it conforms. */
export function violation(schema: Schema | boolean, value: unknown, at: (string | number)[] = []): Violation | undefined {
  const broken = (rule: string): Violation => ({ at, rule });
  if (typeof schema === "boolean") return schema ? undefined : broken("is not a documented field");
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => TYPES[type]!(value))) return broken(`must be ${types.join(" or ")}`);
  if (schema.enum && !schema.enum.includes(value)) return broken(`must be one of ${list(schema.enum)}`);
  if (schema.anyOf && !schema.anyOf.some((branch) => !violation(branch, value, at))) {
    return schema.anyOf.length === 1 ? violation(schema.anyOf[0]!, value, at) : broken(`must match one of: ${schema.anyOf.map(describe).join("; ")}`);
  }
  if (typeof value === "string") {
    if (schema.pattern !== undefined && !regExp(schema.pattern).test(value)) return broken(`must match ${schema.pattern}`);
    if (schema.contentSchema && schema.contentMediaType === "application/json") {
      const content = parsedJson(value);
      if (!content) return broken("must be a string holding JSON");
      return violation(schema.contentSchema, content.value, at);
    }
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return broken(`must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) return broken(`must be at most ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    for (let index = 0; index < value.length; index++) {
      const found = violation(schema.items, value[index], [...at, index]);
      if (found) return found;
    }
  }
  if (isObject(value)) {
    // As Ajv: a member that is undefined is absent.
    for (const name of schema.required ?? []) if (!Object.hasOwn(value, name) || value[name] === undefined) return { at: [...at, name], rule: "is required" };
    for (const name of Object.keys(value)) {
      if (value[name] === undefined) continue;
      const rule = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : schema.additionalProperties;
      const found = rule === undefined ? undefined : violation(rule, value[name], [...at, name]);
      if (found) return found;
    }
  }
  return undefined;
}

/** A schema in a few words, for the rule of an `anyOf`. */
function describe(schema: Schema): string {
  const types = schema.type === undefined ? "any value" : [schema.type].flat().join(" or ");
  const range = schema.minimum === undefined ? "" : ` from ${schema.minimum}${schema.maximum === undefined ? "" : ` to ${schema.maximum}`}`;
  return `${types}${range}${schema.pattern === undefined ? "" : ` matching ${schema.pattern}`}`;
}
