// Input rules of the resource methods: each checks one camelCase option and returns its value
// as KeepUp's field takes it, or throws an InputError naming the field and the rule. Nothing
// is sent until every field passed.
import { InputError } from "./errors.js";
import { shown } from "./redact.js";

/** Checks `value` for `field`; returns what is sent. `apiKey` only keeps the key out of messages. */
export type Rule = (value: unknown, field: string, apiKey: string) => unknown;

const rule =
  (test: (value: any) => boolean, words: string, send: (value: any) => unknown = (value) => value): Rule =>
  (value, field, apiKey) => {
    if (!test(value)) throw new InputError(field, words, shown(value, apiKey));
    return send(value);
  };

const isString = (value: unknown): value is string => typeof value === "string";
const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

export const text = rule((value) => isString(value) && value.trim() !== "", "must be a non-empty string");

export const email = rule((value) => isString(value) && /^[^\s@]+@[^\s@]+$/.test(value), "must be an email address");

export const oneOf = (values: readonly unknown[]) =>
  rule((value) => values.includes(value), `must be one of ${values.map((item) => JSON.stringify(item)).join(", ")}`);

/** A finite number above `min` (or from it, with `inclusive`). */
export const numberFrom = (min: number, inclusive: boolean) =>
  rule(
    (value) => finite(value) && (inclusive ? value >= min : value > min),
    `must be a number ${inclusive ? "from" : "above"} ${min}`,
  );

/** A whole number from 1, as a number or digits. */
export const count = rule(
  (value) => (finite(value) ? Number.isSafeInteger(value) && value > 0 : isString(value) && /^[1-9]\d{0,14}$/.test(value)),
  "must be a whole number from 1",
  Number,
);

/** Money as KeepUp writes it: a string with two decimals, from a number or a decimal string. */
export const amount = rule(
  (value) =>
    finite(value) ? value >= 0 && value < 1e13 && Number(value.toFixed(2)) === value : isString(value) && /^\d{1,13}(\.\d{1,2})?$/.test(value),
  'must be an amount of at most two decimals, as a number (10.5) or a string ("10.50")',
  (value) => Number(value).toFixed(2),
);

export const coordinate = rule(
  (value) => (finite(value) ? Math.abs(value) <= 180 : isString(value) && /^-?\d{1,3}(\.\d+)?$/.test(value)),
  "must be a coordinate in degrees, as a number or a decimal string",
  String,
);

/** Whether `YYYY-MM-DD[ HH:mm[:ss]]` names a real moment (no 2023-02-30, no 25:00). */
function isCalendar(text: string): boolean {
  const [date, time = "00:00"] = text.split(" ");
  const iso = `${date}T${time.length === 5 ? `${time}:00` : time}`;
  const parsed = new Date(`${iso}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso);
}
const dated = (pattern: RegExp, words: string, send?: (value: string) => string) =>
  rule((value) => isString(value) && pattern.test(value) && isCalendar(value), `must be a date${words}`, send);

export const day = dated(/^\d{4}-\d{2}-\d{2}$/, " as YYYY-MM-DD");
/** Add and Edit Sale's format; KeepUp's own samples leave the seconds out, so those are added. */
export const dateTime = dated(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, " and time as YYYY-MM-DD HH:mm:ss", (value) =>
  value.length === 16 ? `${value}:00` : value,
);
export const dateMinute = dated(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, " and time as YYYY-MM-DD HH:mm");

/**
 * The fields of `input` (an object of camelCase options, `signal` aside) as KeepUp's snake_case
 * fields, each through its rule; unknown and missing required fields are InputErrors.
 */
export function toFields(input: unknown, name: string, rules: Record<string, Rule>, required: string[], apiKey: string) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) throw new InputError(name, "must be an object");
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "signal" || value === undefined) continue;
    const check = rules[key];
    if (!check) throw new InputError(`${name}.${key}`, `is not one of ${Object.keys(rules).join(", ")}`);
    fields[key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] = check(value, `${name}.${key}`, apiKey);
  }
  for (const key of required) {
    if (!(key in input) || (input as Record<string, unknown>)[key] === undefined) throw new InputError(`${name}.${key}`, "is required");
  }
  return fields;
}
