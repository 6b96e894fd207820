// Checks a parsed body against a success schema of generated/operations.js: the subset of
// JSON Schema 2020-12 that scripts/lib/operations.mjs lets through (the build fails on any
// other keyword, so none goes unchecked). test/validate.test.ts holds it to Ajv's verdicts.

export interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const TYPES: Record<string, (value: unknown) => boolean> = {
  object: isObject,
  array: Array.isArray,
  string: (value) => typeof value === "string",
  number: (value) => typeof value === "number",
  integer: Number.isInteger,
  boolean: (value) => typeof value === "boolean",
  null: (value) => value === null,
};

/** The first way `value` breaks `schema`, as "<JSON pointer> <rule>", or undefined when it conforms. */
export function violation(schema: Schema | boolean, value: unknown, at = ""): string | undefined {
  const where = at || "/";
  if (typeof schema === "boolean") return schema ? undefined : `${where} must not be present`;
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => TYPES[type]?.(value))) return `${where} must be ${types.join(" or ")}`;
  if ("const" in schema && value !== schema.const) return `${where} must be ${JSON.stringify(schema.const)}`;
  if (schema.enum && !schema.enum.includes(value)) return `${where} must be one of ${JSON.stringify(schema.enum)}`;
  if (Array.isArray(value)) {
    for (let index = 0; schema.items && index < value.length; index++) {
      const found = violation(schema.items, value[index], `${at}/${index}`);
      if (found) return found;
    }
  }
  if (isObject(value)) {
    for (const name of schema.required ?? []) if (!Object.hasOwn(value, name)) return `${where} must have property ${name}`;
    for (const [name, item] of Object.entries(value)) {
      const rule = schema.properties?.[name] ?? schema.additionalProperties;
      const found = rule === undefined ? undefined : violation(rule, item, `${at}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`);
      if (found) return found;
    }
  }
  return undefined;
}
