// An operation's arguments turned into what is sent, checked against the contract before
// anything is: from a resource method's camelCase input, or from keepup.request's params and
// body. Both end in the same check.
import { InputError } from "./errors.js";
import { KEY_HELD, fieldOf, membersOf, optionName, shown, toWire } from "./input.js";
import type { OperationEntry, Wire } from "./transport.js";
import { isObject, violation, type Schema } from "./validate.js";

/** How a caller names what it passed: a resource method's option names (and its input's name), or KeepUp's. */
type Naming = { options: true; input: string } | { options: false };

const NONE: Schema = { type: "object", additionalProperties: false };

/** The body members the client fills in from a path parameter (`x-client-from-path`), with that parameter's name. */
const fromPath = (entry: OperationEntry) =>
  Object.entries(entry.body?.properties ?? {}).flatMap(([name, schema]) => (schema["x-client-from-path"] ? [[name, schema, schema["x-client-from-path"]] as const] : []));

/** A path parameter's value as a body member takes it: an id written in canonical digits, as a number where the member takes integers. */
export function asMember(schema: Schema, value: unknown): unknown {
  const integers = [schema, ...(schema.anyOf ?? [])].some((branch) => [branch.type].flat().includes("integer"));
  return integers && typeof value === "string" && /^[1-9]\d*$/.test(value) && Number.isSafeInteger(+value) ? +value : value;
}

/** Whether a text holds the API key, in any form the client's redactor knows. */
export type HoldsKey = (text: string) => boolean;

function checked(entry: OperationEntry, wire: Wire, naming: Naming, holdsKey: HoldsKey): Wire {
  const path = naming.options ? optionName : (name: string) => `params.path.${name}`;
  const where = (part: "query" | "body", at: (string | number)[]) =>
    naming.options ? fieldOf(naming.input, at, true) : fieldOf(part === "query" ? "params.query" : "body", at, false);
  const refuse = (field: string, rule: string, value?: unknown): never => {
    throw new InputError(field, rule, value === undefined ? undefined : shown(value));
  };
  const names = Object.keys(entry.pathParams);
  const inPath = violation({ type: "object", properties: entry.pathParams, required: names, additionalProperties: false }, wire.path);
  if (inPath) refuse(path(inPath.at[0] as string), inPath.rule, wire.path[inPath.at[0]!]);
  const inQuery = violation(entry.query ?? NONE, wire.query);
  if (inQuery) refuse(where("query", inQuery.at), inQuery.rule, valueAt(wire.query, inQuery.at));
  // A lone surrogate cannot be percent-encoded.
  for (const [part, values] of [["path", wire.path], ["query", wire.query]] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "string" && !value.isWellFormed()) refuse(part === "path" ? path(name) : where("query", [name]), "must be well-formed Unicode text (no lone surrogate)");
    }
  }
  const body = naming.options ? naming.input : "body";
  if (wire.body === undefined) {
    if (entry.bodyRequired) refuse(body, "is required");
  } else if (!entry.body) {
    refuse(body, "is not taken: the operation has no body");
  } else {
    const inBody = violation(entry.body, wire.body);
    if (inBody) refuse(where("body", inBody.at), inBody.rule, valueAt(wire.body, inBody.at));
    // Checked by the schema first: what is compared is a string or a number.
    for (const [name, , parameter] of fromPath(entry)) {
      if (isObject(wire.body) && String(wire.body[name]) !== String(wire.path[parameter])) refuse(where("body", [name]), `must equal the path's ${parameter}`, wire.body[name]);
    }
  }
  // The key leaves only in Authorization: not in the URL, not in the body.
  for (const [name, value] of Object.entries(wire.path)) if (holdsKey(String(value))) refuse(path(name), KEY_HELD);
  for (const [name, value] of Object.entries(wire.query)) if (holdsKey(String(value))) refuse(where("query", [name]), KEY_HELD);
  if (wire.body !== undefined && holdsKey(JSON.stringify(wire.body))) {
    const member = isObject(wire.body) ? Object.keys(wire.body).find((name) => holdsKey(JSON.stringify((wire.body as Record<string, unknown>)[name]))) : undefined;
    refuse(member === undefined ? body : where("body", [member]), KEY_HELD);
  }
  return wire;
}

/** The value at `at` inside `root`, for the message of an InputError. */
const valueAt = (root: unknown, at: (string | number)[]) =>
  at.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), root);

/** A resource method's arguments: the path parameters in order, then its input (option names). */
export function fromOptions(entry: OperationEntry, pathValues: unknown[], input: unknown, holdsKey: HoldsKey): Wire {
  const name = entry.client[2] ?? "input";
  const path: Record<string, unknown> = {};
  Object.keys(entry.pathParams).forEach((parameter, index) => pathValues[index] !== undefined && (path[parameter] = pathValues[index]));
  const filled = fromPath(entry);
  const inQuery = entry.query?.properties ?? {};
  const properties = { ...inQuery, ...entry.body?.properties };
  for (const [member] of filled) delete properties[member];
  if (input !== undefined) membersOf(input, name); // a plain object, or an InputError naming it
  const given = toWire({ properties, additionalProperties: false }, input ?? {}, name, true) as Record<string, unknown>;
  const query: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  for (const [member, value] of Object.entries(given)) {
    if (Object.hasOwn(inQuery, member)) query[member] = value;
    else (body ??= {})[member] = value;
  }
  if (entry.body && (body || entry.bodyRequired || filled.length > 0)) {
    body ??= {};
    for (const [member, schema, parameter] of filled) body[member] = asMember(schema, path[parameter]);
  }
  return checked(entry, { path, query, body }, { options: true, input: name }, holdsKey);
}

/** keepup.request's `{ params: { path, query }, body }`, in KeepUp's own field names. */
export function fromInit(entry: OperationEntry, init: unknown, holdsKey: HoldsKey): Wire {
  const given = Object.fromEntries(init === undefined ? [] : membersOf(init, "init", ["params", "body"]));
  const params = Object.fromEntries(given.params === undefined ? [] : membersOf(given.params, "params", ["path", "query"]));
  const [path, query] = (["path", "query"] as const).map((part) =>
    Object.fromEntries(params[part] === undefined ? [] : membersOf(params[part], `params.${part}`)),
  ) as [Record<string, unknown>, Record<string, unknown>];
  const body = given.body === undefined ? undefined : toWire(entry.body ?? {}, given.body, "body", false);
  if (isObject(body)) for (const [member, schema, parameter] of fromPath(entry)) body[member] ??= asMember(schema, path[parameter]);
  return checked(entry, { path, query, body }, { options: false }, holdsKey);
}
