import openapiFetch, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { resolveOptions, type KeepupClientOptions } from "./options.js";
import { salesResource } from "./sales.js";
import type { RetryPolicy } from "./retries.js";
import { createTransport, type OperationId } from "./transport.js";

// openapi-fetch's CommonJS build exports `default` Babel-style, while our CommonJS build
// imports it Node-style (the whole exports object); take the function either way.
const createClient: typeof openapiFetch =
  (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

export interface KeepupClient {
  sales: ReturnType<typeof salesResource>;
  /**
   * Performs any operation of the contract by its operationId, through the same path as
   * `sales` (checks, timeouts, retry policy, size limit, contract check, errors).
   */
  request: ReturnType<typeof createTransport>;
  /**
   * The underlying openapi-fetch client, with the same key, base URL and redirect rule, but
   * without the timeouts, retries, size limit, contract check and error classes of `sales`.
   */
  raw: Client<paths>;
}

/**
 * A client for KeepUp's Sales API. Throws InputError for bad options; the API key is kept
 * in a closure, never on the returned object.
 */
export function createKeepupClient(options: KeepupClientOptions = {}): KeepupClient {
  const { raw, perform, apiKey } = connect(options);
  return { sales: salesResource(perform, apiKey), request: perform, raw };
}

/** The openapi-fetch client and the transport over it (the resources' one call path). */
export function connect(options: KeepupClientOptions, policies?: Record<OperationId, RetryPolicy>) {
  const resolved = resolveOptions(options);
  const raw = createClient<paths>({
    baseUrl: resolved.baseUrl,
    fetch: resolved.fetch,
    redirect: "manual",
    headers: { Authorization: `Bearer ${resolved.apiKey}`, Accept: "application/json" },
  });
  return { raw, perform: createTransport(raw, resolved, policies), apiKey: resolved.apiKey };
}
