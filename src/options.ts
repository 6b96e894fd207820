// The client's options and each call's, checked where they are unpacked; defaults set here.
import { version } from "../generated/operations.js";
import { InputError } from "./errors.js";
import { membersOf, shown } from "./input.js";

const PRODUCTION_BASE_URL = "https://api.keepup.store/v2.0";

/** What the client hands a fetch: `fetch(url, init)`, as the global fetch, npm undici and node-fetch take it. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  /** JSON; absent when the request has no body. */
  body?: string;
  signal: AbortSignal;
  redirect: "manual";
}

/**
 * A fetch to use instead of the global one. Its answer is read by its shape (a status, headers,
 * a web or Node stream body), so the Response of npm undici or node-fetch works too.
 */
export type Fetch = (url: string, init: FetchInit) => Promise<unknown>;

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where the client logs (console fits): one method per level, each taking one line of text. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

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
  /** A fetch to use instead of `globalThis.fetch`, called as `fetch(url, init)`. */
  fetch?: Fetch | undefined;
  /** Added after the client's own `User-Agent` (`keepup-api/<version> node/<version>`), e.g. `my-app/1.2`. */
  userAgent?: string | undefined;
  /** Where to log; default `console`. The API key never appears in what it is given. */
  logger?: Logger | undefined;
  /** What to log: `debug` lists each attempt, its status and timing; `info` each retry. Default `KEEPUP_LOG`, else `warn`. */
  logLevel?: LogLevel | undefined;
  /** Allow the client in a browser, where the key would be exposed. Default false. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options of one call, beside its input: they override the client's for that call. */
export interface RequestOptions {
  /** Aborts the request (and any retry); the abort is passed through, not retried. */
  signal?: AbortSignal | undefined;
  /** Time allowed for each attempt of this call. */
  timeoutMs?: number | undefined;
  /** Further attempts of this call after a retryable failure. */
  maxRetries?: number | undefined;
  /** Headers to add to this call; `Authorization` cannot be set here. */
  headers?: Record<string, string> | undefined;
}

export interface CallOptions {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetries: number;
  headers: Record<string, string>;
}

export interface ResolvedOptions extends CallOptions {
  apiKey: string;
  baseUrl: string;
  maxResponseBytes: number;
  fetch: Fetch;
  userAgent: string;
  log: (level: Exclude<LogLevel, "off">, message: string) => void;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const LEVELS: LogLevel[] = ["debug", "info", "warn", "error", "off"];
const HEADER_VALUE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** Any global scope without Node's `process` (a page, a Web Worker, a service worker, ...). */
function isBrowserLike(): boolean {
  return typeof globalThis.process?.versions?.node !== "string";
}

/** An environment variable where there is a `process` (Node, Bun, Deno's Node mode). */
function environment(name: "KEEPUP_API_KEY" | "KEEPUP_BASE_URL" | "KEEPUP_LOG"): string | undefined {
  return globalThis.process?.env?.[name] || undefined;
}

function checkApiKey(apiKey: unknown): string {
  if (apiKey === undefined) throw new InputError("apiKey", "is required: pass it or set KEEPUP_API_KEY");
  if (typeof apiKey !== "string" || apiKey.trim() === "") throw new InputError("apiKey", "must be a non-empty string");
  // Anything else cannot be sent as a header value, and the fetch error for it would quote the key.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new InputError("apiKey", "must be printable ASCII without white space (a header value)");
  return apiKey;
}

function checkBaseUrl(baseUrl: unknown): string {
  const rule = "must be an absolute https URL without ? or # (http only for localhost or 127.0.0.1)";
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl) || /[?#]/.test(baseUrl)) throw new InputError("baseUrl", rule, shown(baseUrl));
  const url = new URL(baseUrl);
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
  if (!secure) throw new InputError("baseUrl", `${rule}: a bearer key must not cross a network in clear text`, shown(baseUrl));
  if (url.username || url.password) throw new InputError("baseUrl", "must not carry credentials", shown(url.origin));
  return url.href.replace(/\/+$/, "");
}

// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function checkTimeout(field: string, timeoutMs: unknown): number {
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new InputError(field, `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`, shown(timeoutMs));
  }
  return timeoutMs;
}

function checkCount(field: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InputError(field, `must be an integer of at least ${min}`, shown(value));
  }
  return value;
}

function checkHeaders(field: string, headers: unknown): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of membersOf(headers, field)) {
    if (name.toLowerCase() === "authorization") throw new InputError(`${field}.${name}`, "cannot be set: the client sends the API key");
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InputError(`${field}.${name}`, "is not a header name");
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) throw new InputError(`${field}.${name}`, "must be printable ASCII (a header value)", shown(value));
    checked[name.toLowerCase()] = value;
  }
  return checked;
}

function checkSignal(field: string, signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InputError(field, "must be an AbortSignal");
  return signal;
}

function checkLogger(logger: unknown): Logger {
  if (LEVELS.slice(0, 4).some((level) => typeof (logger as Record<string, unknown> | null)?.[level] !== "function")) {
    throw new InputError("logger", "must have the methods debug, info, warn and error (console has them)");
  }
  return logger as Logger;
}

export function resolveOptions(options: KeepupClientOptions): ResolvedOptions {
  const given = Object.fromEntries(membersOf(options, "options")) as KeepupClientOptions;
  if (isBrowserLike() && given.dangerouslyAllowBrowser !== true) {
    throw new InputError("dangerouslyAllowBrowser", "must be true in a browser: KeepUp's API key must never be in client-side code");
  }
  const fetchImpl = given.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") throw new InputError("fetch", "must be a function (no global fetch was found)");
  const logLevel = given.logLevel ?? environment("KEEPUP_LOG") ?? "warn";
  if (!LEVELS.includes(logLevel as LogLevel)) throw new InputError("logLevel", `must be one of ${LEVELS.join(", ")}`, shown(logLevel));
  const logger = checkLogger(given.logger ?? console);
  const threshold = LEVELS.indexOf(logLevel as LogLevel);
  const runtime = typeof globalThis.process?.versions?.node === "string" ? ` node/${globalThis.process.versions.node}` : "";
  if (given.userAgent !== undefined && (typeof given.userAgent !== "string" || !HEADER_VALUE.test(given.userAgent))) {
    throw new InputError("userAgent", "must be printable ASCII (a header value)", shown(given.userAgent));
  }
  return {
    apiKey: checkApiKey(given.apiKey ?? environment("KEEPUP_API_KEY")),
    baseUrl: checkBaseUrl(given.baseUrl ?? environment("KEEPUP_BASE_URL") ?? PRODUCTION_BASE_URL),
    timeoutMs: checkTimeout("timeoutMs", given.timeoutMs ?? 30_000),
    maxRetries: checkCount("maxRetries", given.maxRetries ?? 2, 0),
    maxResponseBytes: checkCount("maxResponseBytes", given.maxResponseBytes ?? 8 * 1024 * 1024, 1),
    fetch: fetchImpl as Fetch,
    userAgent: `keepup-api/${version}${runtime}${given.userAgent ? ` ${given.userAgent}` : ""}`,
    log: (level, message) => void (LEVELS.indexOf(level) >= threshold && logger[level](message)),
    signal: undefined,
    headers: {},
  };
}

/** One call's options over the client's: the options argument of every method. */
export function callOptions(options: unknown, defaults: ResolvedOptions): CallOptions {
  const given = Object.fromEntries(options === undefined ? [] : membersOf(options, "options")) as RequestOptions;
  for (const name of Object.keys(given)) {
    if (!["signal", "timeoutMs", "maxRetries", "headers"].includes(name)) {
      throw new InputError(`options.${name}`, "is not one of signal, timeoutMs, maxRetries, headers");
    }
  }
  return {
    signal: checkSignal("options.signal", given.signal),
    timeoutMs: given.timeoutMs === undefined ? defaults.timeoutMs : checkTimeout("options.timeoutMs", given.timeoutMs),
    maxRetries: given.maxRetries === undefined ? defaults.maxRetries : checkCount("options.maxRetries", given.maxRetries, 0),
    headers: given.headers === undefined ? {} : checkHeaders("options.headers", given.headers),
  };
}
