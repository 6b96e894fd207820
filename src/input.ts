// What a caller hands in, read safely and turned into what is sent. Only own enumerable
// properties of plain objects are read, arrays must be dense, and a getter, a Proxy or a cycle
// that throws ends as an InputError. With `options` (the resource methods), members are taken
// by their option names (KeepUp's field names in camelCase) and each value is converted as its
// schema's `x-client-*` extensions say; without (keepup.request), values are taken as given.
import { InputError } from "./errors.js";
import { isObject, patternWords, regExp, type Schema } from "./validate.js";

/** KeepUp's field name as an option name: `snake_case` → `snakeCase`, `ABC` → `abc`. */
export const optionName = (wire: string): string =>
  wire
    .split("_")
    .map((word, index) => (index ? word.charAt(0).toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase()))
    .join("");

/** A caller's field path: `<input>.<optionName>[0]` (options) or `body.<field_name>[0]`. */
export const fieldOf = (base: string, at: (string | number)[], options: boolean): string =>
  base + at.map((key) => (typeof key === "number" ? `[${key}]` : `.${options ? optionName(key) : key}`)).join("");

/** The rule a value holding the API key breaks, wherever it is given. */
export const KEY_HELD = "must not hold the API key: the client sends it in Authorization only";

/** How much of a rejected value a message shows, cut only once redacted (client.ts). */
export const SHOWN = 80;

/** A rendering of a rejected value, for messages. */
export function shown(value: unknown): string {
  try {
    // Whole: cut in the message only once redacted (client.ts), so that no cut splits a key past it.
    return String(typeof value === "object" || typeof value === "string" ? JSON.stringify(value) : value);
  } catch {
    return typeof value;
  }
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Object]";

/** The own enumerable members of a plain object, but the undefined ones; with `allowed`, no other. */
export function membersOf(value: unknown, field: string, allowed?: string[]): [string, unknown][] {
  if (!isPlain(value)) throw new InputError(field, "must be a plain object", shown(value));
  const members = Object.keys(value).map((key): [string, unknown] => [key, value[key]]).filter(([, item]) => item !== undefined);
  for (const [key] of members) if (allowed && !allowed.includes(key)) throw new InputError(`${field}.${key}`, `is not one of ${allowed.join(", ") || "its fields: it takes none"}`);
  return members;
}

function itemsOf(value: unknown[], field: string): unknown[] {
  const items: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    if (!Object.hasOwn(value, index)) throw new InputError(`${field}[${index}]`, "is missing: arrays must not have holes");
    items.push(value[index]);
  }
  return items;
}

/** `value` with at most `decimals` decimals, written with exactly that many; undefined when it cannot be. */
function fixed(value: unknown, decimals: number): string | undefined {
  // A number as the plain decimal it is (toFixed writes 1e21 and above as 1e+21).
  const text = typeof value === "number" ? (Number.isFinite(value) ? decimal(value) : undefined) : value;
  const [, whole, fraction = ""] = (typeof text === "string" && /^(-?\d+)(?:\.(\d+))?$/.exec(text)) || [];
  if (whole !== undefined && fraction.length <= decimals) return decimals ? `${whole}.${fraction.padEnd(decimals, "0")}` : whole;
}

/** A finite number in plain decimal notation (`1e-7` → `"0.0000001"`). */
function decimal(value: number): string {
  const [digits = "", exponent = 0] = String(Math.abs(value)).split("e");
  const [whole = "", fraction = ""] = digits.split(".");
  const all = whole + fraction;
  const point = whole.length + Number(exponent);
  const text = point <= 0 ? `0.${"0".repeat(-point)}${all}` : `${all.slice(0, point).padEnd(point, "0")}${point < all.length ? `.${all.slice(point)}` : ""}`;
  return (value < 0 ? "-" : "") + text.replace(/^0+(?=\d)/, "");
}

/** The value of an option as its schema's `x-client-*` extensions say it is sent. */
function converted(schema: Schema, value: unknown, field: string): unknown {
  const yesNo = schema["x-client-boolean"];
  if (yesNo) {
    if (typeof value === "boolean") return yesNo[value ? 0 : 1];
    if (!schema.enum?.includes(value)) throw new InputError(field, `must be ${[...(schema.enum ?? []), true, false].map((item) => JSON.stringify(item)).join(", ")}`, shown(value));
  }
  const number = schema["x-client-number"];
  if (number) {
    if (number.decimals === undefined) return Number.isFinite(value) ? decimal(value as number) : value;
    return fixed(value, number.decimals) ?? fail(field, `must be a number or a decimal string with at most ${number.decimals} decimals`, value);
  }
  const append = schema["x-client-append"];
  if (!append || typeof value !== "string") return value;
  if (regExp(append.when).test(value)) return value + append.text;
  if (schema.pattern !== undefined && !regExp(schema.pattern).test(value)) fail(field, `must be ${patternWords(schema)}, or that without its final ${append.text} (then added)`, value);
  return value;
}

function fail(field: string, rule: string, value: unknown): never {
  throw new InputError(field, rule, shown(value));
}

/**
 * What is sent for `value`, read as `schema` describes it (any JSON where it says nothing).
 * With `options`, object members are taken by option name and converted; an unknown member of
 * a closed object is an InputError.
 */
export function toWire(schema: Schema, value: unknown, field: string, options: boolean): unknown {
  if (options) value = converted(schema, value, field);
  if (schema.contentSchema && typeof value !== "string") return JSON.stringify(toWire(schema.contentSchema, value, field, options));
  if (value === null || typeof value === "string" || typeof value === "boolean" || Number.isFinite(value)) return value;
  if (Array.isArray(value)) return itemsOf(value, field).map((item, index) => toWire(schema.items ?? {}, item, `${field}[${index}]`, options));
  if (!isPlain(value)) fail(field, "must be a JSON value (a string, a finite number, a boolean, null, an array or a plain object)", value);
  const properties = schema.properties ?? {};
  const names = new Map(Object.keys(properties).map((wire) => [options ? optionName(wire) : wire, wire]));
  const closed = options && schema.additionalProperties === false;
  const copy: Record<string, unknown> = Object.create(null); // a member named __proto__ stays a member
  for (const [key, item] of membersOf(value, field, closed ? [...names.keys()] : undefined)) {
    const wire = names.get(key);
    const member = wire === undefined ? (isObject(schema.additionalProperties) ? schema.additionalProperties : {}) : properties[wire]!;
    copy[wire ?? key] = toWire(member, item, `${field}.${key}`, options);
  }
  return copy;
}
