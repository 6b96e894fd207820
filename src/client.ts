import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { resolveOptions, type KeepupClientOptions } from "./options.js";
import { salesResource } from "./sales.js";
import { createTransport } from "./transport.js";

// openapi-fetch's own path serializer passes the encoded value to String#replace as the
// replacement, where `$&`, `$'` and friends are patterns: a sale id containing `$` would
// change the URL. Only simple-style primitive path parameters are used by this API.
function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? match : encodeURIComponent(String(value));
  });
}

export interface KeepupClient {
  sales: ReturnType<typeof salesResource>;
  /** The underlying openapi-fetch client: same auth, timeouts, retries and redirect rule. */
  raw: Client<paths>;
}

export function createKeepupClient(options: KeepupClientOptions = {}): KeepupClient {
  const resolved = resolveOptions(options);
  const raw = createClient<paths>({
    baseUrl: resolved.baseUrl,
    fetch: createTransport(resolved),
    pathSerializer: serializePath,
    redirect: "manual",
    headers: { Authorization: `Bearer ${resolved.apiKey}`, Accept: "application/json" },
  });
  return { sales: salesResource(raw, resolved.apiKey), raw };
}
