import openapiFetch, { type Client } from "openapi-fetch";
import type { FilledFromPath, Resources } from "../generated/client.js";
import { operations as table, type OperationId } from "../generated/operations.js";
import type { operations, paths } from "../generated/schema.js";
import { APIPromise, type WithResponse } from "./api-promise.js";
import { InputError, KeepupError } from "./errors.js";
import { callOptions, resolveOptions, type KeepupClientOptions, type RequestOptions } from "./options.js";
import { redactor, type Redactor } from "./redact.js";
import { read } from "./response.js";
import { createTransport, type OperationEntry, type Wire } from "./transport.js";
import { SHOWN } from "./input.js";
import { fromInit, fromOptions } from "./wire.js";

export type { OperationId };

// openapi-fetch's CommonJS build exports `default` Babel-style, while our CommonJS build
// imports it Node-style (the whole exports object); take the function either way.
const createClient: typeof openapiFetch =
  (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

const entries = table as unknown as Record<OperationId, OperationEntry>;

type Operation<Id extends OperationId> = operations[Id];
/** The JSON body of an operation's documented success. */
export type SuccessBody<Id extends OperationId> = Operation<Id>["responses"] extends { 200: { content: { "application/json": infer Body } } } ? Body : never;

type Params<Id extends OperationId> = Pick<Operation<Id>["parameters"], "path" | "query">;
type Body<Id extends OperationId> = NonNullable<Operation<Id>["requestBody"]>["content"]["application/json"];
/** The body members the client fills in from the path (x-client-from-path), which a caller may leave out. */
type Filled<Id extends OperationId> = Id extends keyof FilledFromPath ? FilledFromPath[Id] & keyof Body<Id> : never;
type Optional<Value, Key extends keyof Value> = [Key] extends [never] ? Value : Omit<Value, Key> & Partial<Pick<Value, Key>>;

/**
 * What `keepup.request(operationId, init)` takes: the operation's own parameters and body, in
 * KeepUp's field names; required where the operation requires them.
 */
export type RequestInit<Id extends OperationId> = ([undefined] extends [Operation<Id>["parameters"]["path"]] ? { params?: Params<Id> | undefined } : { params: Params<Id> }) &
  ([undefined] extends [Operation<Id>["requestBody"]] ? { body?: Optional<Body<Id>, Filled<Id>> | undefined } : { body: Optional<Body<Id>, Filled<Id>> });

/** The arguments after the operationId: the init is required where the operation has a path or a required body. */
type RequestArguments<Id extends OperationId> = [undefined, undefined] extends [Operation<Id>["parameters"]["path"], Operation<Id>["requestBody"]]
  ? [init?: RequestInit<Id>, options?: RequestOptions]
  : [init: RequestInit<Id>, options?: RequestOptions];

export type KeepupClient = Resources & {
  /**
   * Performs any operation of the contract by its operationId, through the same checks and
   * call path as the resource methods (timeouts, retry policy, size limit, contract check).
   */
  request<Id extends OperationId>(operationId: Id, ...args: RequestArguments<Id>): APIPromise<SuccessBody<Id>>;
  /**
   * The underlying openapi-fetch client, with the same key, base URL, fetch and redirect rule,
   * but without the checks, timeouts, retries, size limit and error classes.
   */
  raw: Client<paths>;
};

/** A KeepupError fit to leave the client: an input's problem, redacted, then cut; anything else a caller's input threw, as an InputError. */
function leaving(error: unknown, redact: Redactor, field: string): unknown {
  if (error instanceof InputError) {
    const received = error.received === undefined ? undefined : redact.text(error.received);
    return new InputError(redact.text(error.field), redact.text(error.rule), received && received.length > SHOWN ? `${received.slice(0, SHOWN)}…` : received);
  }
  if (error instanceof KeepupError) return error;
  return new InputError(field, "could not be read (a getter threw, or it is cyclic or nested too deeply)");
}

/**
 * A client for KeepUp's API. Throws InputError for bad options; the API key is kept in a
 * closure, never on the returned object.
 */
export function createKeepupClient(options: KeepupClientOptions = {}): KeepupClient {
  let resolved: ReturnType<typeof resolveOptions>;
  try {
    resolved = resolveOptions(options);
  } catch (error) {
    const key = read(options, "apiKey") ?? globalThis.process?.env?.KEEPUP_API_KEY;
    throw leaving(error, redactor(typeof key === "string" ? [key] : []), "options");
  }
  const { fetch, redact, baseUrl } = resolved;
  const perform = createTransport(resolved);

  function call(id: OperationId, prepare: () => Wire, requestOptions: unknown, field: string): APIPromise<unknown> {
    let result: Promise<WithResponse<unknown>>;
    try {
      const entry = entries[id];
      const wire = prepare();
      result = perform(id, entry, wire, callOptions(requestOptions, resolved));
    } catch (error) {
      result = Promise.reject(leaving(error, redact, field));
    }
    return new APIPromise(result);
  }

  const resources: Record<string, Record<string, (...args: unknown[]) => APIPromise<unknown>>> = {};
  for (const [id, entry] of Object.entries(entries) as [OperationId, OperationEntry][]) {
    const [resource, method, input] = entry.client;
    // (...path parameters, input?, options?): the input only when the operation takes one.
    const paths = Object.keys(entry.pathParams).length;
    const arity = paths + (input === undefined ? 0 : 1);
    (resources[resource] ??= {})[method] = (...args) => {
      if (args.length > arity + 1) {
        return new APIPromise(Promise.reject(new InputError(`${resource}.${method}`, `takes at most ${arity + 1} arguments`)));
      }
      return call(id, () => fromOptions(entry, args.slice(0, paths), input === undefined ? undefined : args[paths], redact.has), args[arity], input ?? "options");
    };
  }

  const request = (operationId: unknown, init?: unknown, requestOptions?: unknown) => {
    if (typeof operationId !== "string" || !Object.hasOwn(entries, operationId)) {
      return new APIPromise(Promise.reject(new InputError("operationId", `must be one of ${Object.keys(entries).join(", ")}`)));
    }
    const id = operationId as OperationId;
    return call(id, () => fromInit(entries[id], init, redact.has), requestOptions, "init");
  };

  const raw = createClient<paths>({
    baseUrl: resolved.baseUrl,
    headers: { Accept: "application/json", "User-Agent": resolved.userAgent },
    redirect: "manual",
    // openapi-fetch hands a Request; the client's fetch takes (url, init). The key is added
    // here only, once the URL is under the client's own, checked base URL: neither a per-call
    // baseUrl nor a per-call fetch (which bypasses this one) takes it elsewhere.
    fetch: async (sent: Request) => {
      if (!sent.url.startsWith(`${baseUrl}/`)) throw new InputError("baseUrl", `must be the client's own (${redact.text(baseUrl)}): the API key is sent nowhere else`);
      return (await fetch(sent.url, {
        method: sent.method,
        headers: { ...Object.fromEntries(sent.headers), authorization: `Bearer ${resolved.apiKey}` },
        ...(sent.body !== null && { body: await sent.text() }),
        signal: sent.signal,
        redirect: "manual",
      })) as Response;
    },
  });
  return { ...(resources as unknown as Resources), request: request as KeepupClient["request"], raw };
}
