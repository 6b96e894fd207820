import { InputError } from "./errors.js";
import { shown } from "./redact.js";

const PRODUCTION_BASE_URL = "https://api.keepup.store/v2.0";

export interface KeepupClientOptions {
  /** The business account's API key. Defaults to `KEEPUP_API_KEY` (Node only). */
  apiKey?: string | undefined;
  /** Default `https://api.keepup.store/v2.0`. `http:` is allowed for loopback hosts only. */
  baseUrl?: string | undefined;
  /** Time allowed for each attempt, response body included. Default 30000. */
  timeoutMs?: number | undefined;
  /** Further attempts after a retryable failure. Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Allow the client in a browser, where the key would be exposed. Default false. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  fetch: (request: Request) => Promise<Response>;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function isBrowser(): boolean {
  return "window" in globalThis && "document" in globalThis;
}

/** KEEPUP_API_KEY where there is a `process` (Node, Bun, Deno's Node mode). */
function environmentApiKey(): string | undefined {
  return globalThis.process?.env?.["KEEPUP_API_KEY"];
}

function checkApiKey(apiKey: unknown): string {
  if (apiKey === undefined) {
    throw new InputError("apiKey", "is required: pass it or set KEEPUP_API_KEY");
  }
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new InputError("apiKey", "must be a non-empty string");
  }
  // A key with white space or control characters cannot be a header value; the fetch
  // error for it would quote the key.
  if (/[\s\x00-\x1f\x7f]/.test(apiKey)) {
    throw new InputError("apiKey", "must not contain white space or control characters");
  }
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown, apiKey: string): string {
  const rule = "must be an absolute https URL (http only for localhost or 127.0.0.1)";
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl)) {
    throw new InputError("baseUrl", rule, shown(baseUrl, apiKey));
  }
  const url = new URL(baseUrl);
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
  if (!secure) {
    throw new InputError("baseUrl", `${rule}: a bearer key must not cross a network in clear text`, shown(baseUrl, apiKey));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError("baseUrl", "must not carry credentials, a query or a fragment", shown(url.origin, apiKey));
  }
  return url.href.replace(/\/+$/, "");
}

// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function checkTimeout(timeoutMs: unknown, apiKey: string): number {
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new InputError("timeoutMs", `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`, shown(timeoutMs, apiKey));
  }
  return timeoutMs;
}

function checkMaxRetries(maxRetries: unknown, apiKey: string): number {
  if (typeof maxRetries !== "number" || !Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new InputError("maxRetries", "must be a non-negative integer", shown(maxRetries, apiKey));
  }
  return maxRetries;
}

export function resolveOptions(options: KeepupClientOptions): ResolvedOptions {
  if (isBrowser() && options.dangerouslyAllowBrowser !== true) {
    throw new InputError(
      "dangerouslyAllowBrowser",
      "must be true in a browser: KeepUp's API key must never be in client-side code",
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new InputError("fetch", "must be a function (no global fetch was found)");
  }
  const apiKey = checkApiKey(options.apiKey ?? environmentApiKey());
  return {
    apiKey,
    baseUrl: checkBaseUrl(options.baseUrl ?? PRODUCTION_BASE_URL, apiKey),
    timeoutMs: checkTimeout(options.timeoutMs ?? 30_000, apiKey),
    maxRetries: checkMaxRetries(options.maxRetries ?? 2, apiKey),
    fetch: fetchImpl,
  };
}
