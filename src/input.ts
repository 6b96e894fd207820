// What a caller hands in, read safely and turned into what is sent. Only own enumerable
// properties of plain objects are read, arrays must be dense, and a getter, a Proxy or a cycle
// that throws ends as an InputError. With `options` (the resource methods), fields are taken by
// their option names (KeepUp's field names in camelCase) and each value is converted as its
// schema's `x-client-*` extensions say; without (keepup.request), values are taken as given.
import { InputError } from "./errors.js";
import { isObject, regExp, type Schema } from "./validate.js";

/** KeepUp's field name as an option name: `sale_id` → `saleId`, `SKU` → `sku`. */
export const optionName = (wire: string): string =>
  wire
    .split("_")
    .map((word, index) => (index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
    .join("");

/** A caller's field path: `sale.items[0].itemId` (options) or `body.items[0].item_id`. */
export const fieldOf = (base: string, at: (string | number)[], options: boolean): string =>
  base + at.map((key) => (typeof key === "number" ? `[${key}]` : `.${options ? optionName(key) : key}`)).join("");

/** A short rendering of a rejected value, for messages. */
export function shown(value: unknown): string {
  try {
    return (typeof value === "string" ? JSON.stringify(value) : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value))?.slice(0, 80) ?? typeof value;
  } catch {
    return typeof value;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Object]";

/** The own enumerable properties of a plain object, `undefined` ones left out. */
function entriesOf(value: Record<string, unknown>): [string, unknown][] {
  return Object.keys(value)
    .map((key): [string, unknown] => [key, value[key]])
    .filter(([, item]) => item !== undefined);
}

function itemsOf(value: unknown[], field: string): unknown[] {
  const items: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    if (!Object.hasOwn(value, index)) throw new InputError(`${field}[${index}]`, "is missing: arrays must not have holes");
    items.push(value[index]);
  }
  return items;
}

/** A JSON copy of a value the contract gives no schema for. */
function plain(value: unknown, field: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (Number.isFinite(value)) return value;
  if (Array.isArray(value)) return itemsOf(value, field).map((item, index) => plain(item, `${field}[${index}]`));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = Object.create(null);
    for (const [key, item] of entriesOf(value)) copy[key] = plain(item, `${field}.${key}`);
    return copy;
  }
  throw new InputError(field, "must be a JSON value (a string, a finite number, a boolean, null, an array or a plain object)", shown(value));
}

/** `value` with at most `decimals` decimals, written with exactly that many; undefined when it cannot be. */
function fixed(value: unknown, decimals: number): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) && Number(value.toFixed(decimals)) === value ? value.toFixed(decimals) : undefined;
  const match = typeof value === "string" ? /^(-?\d+)(?:\.(\d+))?$/.exec(value) : null;
  if (!match || (match[2] ?? "").length > decimals) return undefined;
  return decimals === 0 ? match[1] : `${match[1]}.${(match[2] ?? "").padEnd(decimals, "0")}`;
}

/** A finite number in plain decimal notation (`1e-7` → `"0.0000001"`). */
function decimal(value: number): string {
  const [digits = "", exponent = "0"] = String(Math.abs(value)).split("e");
  const [whole = "", fraction = ""] = digits.split(".");
  const shift = Number(exponent);
  const all = whole + fraction;
  const point = whole.length + shift;
  const text =
    point <= 0 ? `0.${"0".repeat(-point)}${all}` : point >= all.length ? all + "0".repeat(point - all.length) : `${all.slice(0, point)}.${all.slice(point)}`;
  return (value < 0 ? "-" : "") + text.replace(/^0+(?=\d)/, "");
}

/** The value of an option as its schema's `x-client-*` extensions say it is sent. */
function converted(schema: Schema, value: unknown, field: string): unknown {
  const yesNo = schema["x-client-boolean"];
  if (yesNo) {
    if (typeof value === "boolean") return value ? yesNo[0] : yesNo[1];
    if (!schema.enum?.includes(value)) throw new InputError(field, `must be ${[...(schema.enum ?? []), true, false].map((item) => JSON.stringify(item)).join(", ")}`, shown(value));
  }
  const number = schema["x-client-number"];
  if (number) {
    if (number.decimals === undefined) return Number.isFinite(value) ? decimal(value as number) : value;
    const text = fixed(value, number.decimals);
    if (text === undefined) {
      throw new InputError(field, `must be a number or a decimal string with at most ${number.decimals} decimals`, shown(value));
    }
    return text;
  }
  const append = schema["x-client-append"];
  if (append && typeof value === "string" && regExp(append.when).test(value)) return value + append.text;
  return value;
}

/**
 * What is sent for `value`, read as `schema` describes it. With `options`, object members are
 * taken by option name and converted; an unknown one of a closed object is an InputError.
 */
export function toWire(schema: Schema, value: unknown, field: string, options: boolean): unknown {
  if (options) value = converted(schema, value, field);
  if (schema.contentMediaType === "application/json" && schema.contentSchema && typeof value !== "string") {
    return JSON.stringify(toWire(schema.contentSchema, value, field, options));
  }
  if (Array.isArray(value)) {
    return itemsOf(value, field).map((item, index) => (schema.items ? toWire(schema.items, item, `${field}[${index}]`, options) : plain(item, `${field}[${index}]`)));
  }
  if (!isPlainObject(value) || !schema.properties) return plain(value, field);
  const declared = new Map(Object.keys(schema.properties).map((wire) => [options ? optionName(wire) : wire, wire]));
  const copy: Record<string, unknown> = Object.create(null);
  for (const [key, item] of entriesOf(value)) {
    const wire = declared.get(key);
    if (wire !== undefined) {
      copy[wire] = toWire(schema.properties[wire]!, item, `${field}.${key}`, options);
    } else if (options && schema.additionalProperties === false) {
      throw new InputError(`${field}.${key}`, `is not one of ${[...declared.keys()].join(", ") || "its fields: it takes none"}`);
    } else {
      copy[key] = isObject(schema.additionalProperties) ? toWire(schema.additionalProperties, item, `${field}.${key}`, options) : plain(item, `${field}.${key}`);
    }
  }
  return copy;
}

/** Reads an object argument (an input or the options of a call) as its own enumerable members. */
export function membersOf(value: unknown, field: string): [string, unknown][] {
  if (!isPlainObject(value)) throw new InputError(field, "must be a plain object", shown(value));
  return entriesOf(value);
}
