import { InputError } from "./errors.js";
import { shown } from "./redact.js";

const PRODUCTION_BASE_URL = "https://api.keepup.store/v2.0";

export interface KeepupClientOptions {
  /** The business account's API key. Defaults to `KEEPUP_API_KEY` (Node only). */
  apiKey?: string | undefined;
  /** Default `KEEPUP_BASE_URL` (Node), else `https://api.keepup.store/v2.0`. `http:` only for loopback hosts. */
  baseUrl?: string | undefined;
  /** Time allowed for each attempt, response body included. Default 30000. */
  timeoutMs?: number | undefined;
  /** Further attempts after a retryable failure. Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /** The largest response body read, in bytes; a larger one is an APIError. Default 8 MiB. */
  maxResponseBytes?: number | undefined;
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
  maxResponseBytes: number;
  fetch: (request: Request) => Promise<Response>;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Any global scope without Node's `process` (a page, a Web Worker, a service worker, ...). */
function isBrowserLike(): boolean {
  return typeof globalThis.process?.versions?.node !== "string";
}

/** An environment variable where there is a `process` (Node, Bun, Deno's Node mode). */
function environment(name: "KEEPUP_API_KEY" | "KEEPUP_BASE_URL"): string | undefined {
  return globalThis.process?.env?.[name] || undefined;
}

function checkApiKey(apiKey: unknown): string {
  if (apiKey === undefined) {
    throw new InputError("apiKey", "is required: pass it or set KEEPUP_API_KEY");
  }
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new InputError("apiKey", "must be a non-empty string");
  }
  // Anything else cannot be sent as a header value, and the fetch error for it would quote the key.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new InputError("apiKey", "must be printable ASCII without white space (a header value)");
  }
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown, apiKey: string): string {
  const rule = "must be an absolute https URL without ? or # (http only for localhost or 127.0.0.1)";
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl) || /[?#]/.test(baseUrl)) {
    throw new InputError("baseUrl", rule, shown(baseUrl, apiKey));
  }
  const url = new URL(baseUrl);
  const secure =
    url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
  if (!secure) {
    throw new InputError("baseUrl", `${rule}: a bearer key must not cross a network in clear text`, shown(baseUrl, apiKey));
  }
  if (url.username || url.password) {
    throw new InputError("baseUrl", "must not carry credentials", shown(url.origin, apiKey));
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

function checkCount(field: string, value: unknown, min: number, apiKey: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InputError(field, `must be an integer of at least ${min}`, shown(value, apiKey));
  }
  return value;
}

export function resolveOptions(options: KeepupClientOptions): ResolvedOptions {
  if (isBrowserLike() && options.dangerouslyAllowBrowser !== true) {
    throw new InputError(
      "dangerouslyAllowBrowser",
      "must be true in a browser: KeepUp's API key must never be in client-side code",
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new InputError("fetch", "must be a function (no global fetch was found)");
  }
  const apiKey = checkApiKey(options.apiKey ?? environment("KEEPUP_API_KEY"));
  return {
    apiKey,
    baseUrl: checkBaseUrl(options.baseUrl ?? environment("KEEPUP_BASE_URL") ?? PRODUCTION_BASE_URL, apiKey),
    timeoutMs: checkTimeout(options.timeoutMs ?? 30_000, apiKey),
    maxRetries: checkCount("maxRetries", options.maxRetries ?? 2, 0, apiKey),
    maxResponseBytes: checkCount("maxResponseBytes", options.maxResponseBytes ?? 8 * 1024 * 1024, 1, apiKey),
    fetch: fetchImpl,
  };
}
