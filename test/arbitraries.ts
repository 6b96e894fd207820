// fast-check arbitraries from the client's compact schemas (generated/operations.js): values
// the schema accepts, mixed with values near them that break it in one place.
import fc from "fast-check";
import type { Schema } from "../src/validate.js";

/** Any JSON value, or one a caller could pass by mistake. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, "", " ", ".", "..", "a/b", "10?24", "%31", "\uD800", Number.NaN, Infinity, -0, 1e21, 1.005, true),
);

/** Strings matching `pattern` (fast-check has no lookahead: one leading `(?!...)` is kept as a filter). */
function matching(pattern: string): fc.Arbitrary<string> {
  const full = new RegExp(pattern, "u");
  return fc.stringMatching(new RegExp(pattern.replace(/^\^\(\?!(?:[^()]|\([^)]*\))*\)/, "^"), "u")).filter((text) => full.test(text));
}

/** A value for `schema`: mostly one it accepts; with `mistakes`, now and then one it may reject. */
export function valueOf(schema: Schema | boolean, mistakes = true, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValueOf(schema, mistakes, depth);
  return mistakes ? fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: junk, weight: 1 }) : valid;
}

function validValueOf(schema: Schema | boolean, mistakes: boolean, depth: number): fc.Arbitrary<unknown> {
  if (typeof schema === "boolean") return schema ? fc.jsonValue({ maxDepth: 1 }) : fc.constant(undefined);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => valueOf(branch, mistakes, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.contentSchema) {
    return valueOf(schema.contentSchema, mistakes, depth + 1).map((value) => JSON.stringify(value) ?? "");
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case "string":
          return schema.pattern ? matching(schema.pattern) : fc.string();
        case "integer":
          return fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e12 });
        case "number":
          return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
        case "boolean":
          return fc.boolean();
        case "null":
          return fc.constant(null);
        case "array":
          return fc.array(schema.items && depth < 4 ? valueOf(schema.items, mistakes, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 });
        default: {
          const properties = Object.entries(schema.properties ?? {});
          const required = schema.required ?? [];
          const record = fc.record(
            Object.fromEntries(properties.map(([name, property]) => [name, depth < 4 ? valueOf(property, mistakes, depth + 1) : fc.constant(null)])),
            { requiredKeys: required.filter((name) => properties.some(([property]) => property === name)) },
          );
          // Now and then a member the schema does not name.
          return mistakes ? fc.tuple(record, fc.option(fc.constantFrom("extra", "constructor", "__proto__", "toString"))).map(([value, extra]) => {
            if (extra === null) return value;
            return Object.defineProperty({ ...value }, extra, { value: "x", enumerable: true, configurable: true, writable: true });
          }) : record;
        }
      }
    }),
  );
}
