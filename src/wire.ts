// An operation's arguments turned into what is sent, checked against the contract before
// anything is: from a resource method's camelCase input, or from keepup.request's params and
// body. Both end in the same check.
import { InputError } from "./errors.js";
import { fieldOf, membersOf, optionName, shown, toWire } from "./input.js";
import type { OperationEntry, Wire } from "./transport.js";
import { isObject, violation, type Schema } from "./validate.js";

/** How a caller names what it passed: a resource method's option names, or KeepUp's. */
interface Naming {
  options: boolean;
  path: (name: string) => string;
  query: string;
  body: string;
}

const propertiesOf = (schema: Schema | undefined) => schema?.properties ?? {};

/** The body members the client fills in from a path parameter (Edit Sale's `sale_id`). */
const fromPath = (entry: OperationEntry) =>
  Object.entries(propertiesOf(entry.body)).flatMap(([name, schema]) => (schema["x-client-from-path"] ? [[name, schema] as const] : []));

/** A path parameter's value as a body member takes it: an id written in canonical digits, as a number where the member takes integers. */
export function asMember(schema: Schema, value: unknown): unknown {
  const takesIntegers = [schema, ...(schema.anyOf ?? [])].some((branch) => [branch.type].flat().includes("integer"));
  return takesIntegers && typeof value === "string" && /^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** Whether `text` can be percent-encoded (no lone surrogate). */
function checkEncodable(values: Record<string, unknown>, field: (name: string) => string): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "string" && !value.isWellFormed()) throw new InputError(field(name), "must be well-formed Unicode text (no lone surrogate)");
  }
}

/** The value at `at` inside `root`, for the message of an InputError. */
const valueAt = (root: unknown, at: (string | number)[]) =>
  at.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), root);

function checked(entry: OperationEntry, wire: Wire, naming: Naming): Wire {
  const names = Object.keys(entry.pathParams);
  const pathBroken = violation({ type: "object", properties: entry.pathParams, required: names, additionalProperties: false }, wire.path);
  if (pathBroken) {
    const name = pathBroken.at[0] as string;
    throw new InputError(naming.path(name), pathBroken.rule, wire.path[name] === undefined ? undefined : shown(wire.path[name]));
  }
  const queryBroken = violation(entry.query ?? { type: "object", additionalProperties: false }, wire.query);
  if (queryBroken) throw new InputError(fieldOf(naming.query, queryBroken.at, naming.options), queryBroken.rule, shown(valueAt(wire.query, queryBroken.at)));
  checkEncodable(wire.path, naming.path);
  checkEncodable(wire.query, (name) => fieldOf(naming.query, [name], naming.options));
  if (!entry.body) {
    if (wire.body !== undefined) throw new InputError(naming.body, "is not taken: the operation has no body");
    return wire;
  }
  if (wire.body === undefined) {
    if (entry.bodyRequired) throw new InputError(naming.body, "is required");
    return wire;
  }
  for (const [name, schema] of fromPath(entry)) {
    const parameter = schema["x-client-from-path"]!;
    if (isObject(wire.body) && String(wire.body[name]) !== String(wire.path[parameter])) {
      throw new InputError(fieldOf(naming.body, [name], naming.options), `must equal the path's ${parameter}`, shown(wire.body[name]));
    }
  }
  const bodyBroken = violation(entry.body, wire.body);
  if (bodyBroken) {
    const value = valueAt(wire.body, bodyBroken.at);
    throw new InputError(fieldOf(naming.body, bodyBroken.at, naming.options), bodyBroken.rule, value === undefined ? undefined : shown(value));
  }
  return wire;
}

/** A resource method's arguments: the path parameters in order, then its input (option names). */
export function fromOptions(entry: OperationEntry, pathValues: unknown[], input: unknown): Wire {
  const inputName = entry.client[2] ?? "input";
  const path: Record<string, unknown> = {};
  Object.keys(entry.pathParams).forEach((name, index) => {
    if (pathValues[index] !== undefined) path[name] = pathValues[index];
  });
  const queryNames = Object.keys(propertiesOf(entry.query));
  const filled = new Set(fromPath(entry).map(([name]) => name));
  const inputSchema: Schema = {
    type: "object",
    properties: Object.fromEntries(
      [...Object.entries(propertiesOf(entry.query)), ...Object.entries(propertiesOf(entry.body))].filter(([name]) => !filled.has(name)),
    ),
    additionalProperties: false,
  };
  if (input !== undefined) membersOf(input, inputName); // a plain object, or an InputError naming it
  const given = (input === undefined ? {} : toWire(inputSchema, input, inputName, true)) as Record<string, unknown>;
  const query: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(given)) {
    if (queryNames.includes(name)) query[name] = value;
    else (body ??= {})[name] = value;
  }
  if (entry.body && (body || entry.bodyRequired || filled.size > 0)) {
    body ??= {};
    for (const [name, schema] of fromPath(entry)) body[name] = asMember(schema, path[schema["x-client-from-path"]!]);
  }
  return checked(entry, { path, query, body }, {
    options: true,
    path: optionName,
    query: inputName,
    body: inputName,
  });
}

/** keepup.request's `{ params: { path, query }, body }`, in KeepUp's own field names. */
export function fromInit(entry: OperationEntry, init: unknown): Wire {
  const given = Object.fromEntries(init === undefined ? [] : membersOf(init, "init"));
  for (const name of Object.keys(given)) if (name !== "params" && name !== "body") throw new InputError(`init.${name}`, "is not one of params, body");
  const params = Object.fromEntries(given.params === undefined ? [] : membersOf(given.params, "params"));
  for (const name of Object.keys(params)) if (name !== "path" && name !== "query") throw new InputError(`params.${name}`, "is not one of path, query");
  const loose: Schema = { type: "object" };
  const path = toWire(loose, params.path ?? {}, "params.path", false) as Record<string, unknown>;
  const query = toWire(loose, params.query ?? {}, "params.query", false) as Record<string, unknown>;
  const body = given.body === undefined ? undefined : toWire(entry.body ?? loose, given.body, "body", false);
  if (isObject(body)) {
    for (const [name, schema] of fromPath(entry)) body[name] ??= asMember(schema, path[schema["x-client-from-path"]!]);
  }
  return checked(entry, { path, query, body }, {
    options: false,
    path: (name) => `params.path.${name}`,
    query: "params.query",
    body: "body",
  });
}
