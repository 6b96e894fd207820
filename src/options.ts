// The client's options and each call's, checked where they are unpacked; defaults set here.
import { version } from "../generated/operations.js";
import { InputError } from "./errors.js";
import { KEY_HELD, membersOf, shown } from "./input.js";
import { redactor, type Redactor } from "./redact.js";
import { isSignal } from "./signals.js";

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

/** Where the client logs (console fits): one method per level, each given one line of text. */
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
  /** Logs the line `message` makes, when `level` is logged (the line is made only then). */
  log: (level: "debug" | "info", message: () => string) => void;
  /** The one redactor of this client's key. */
  redact: Redactor;
}

/** Every option the client takes: any other name is a misspelling, refused rather than ignored. */
const OPTION_NAMES = ["apiKey", "baseUrl", "timeoutMs", "maxRetries", "maxResponseBytes", "fetch", "userAgent", "logger", "logLevel", "dangerouslyAllowBrowser"] satisfies (keyof KeepupClientOptions)[];
/** Headers that frame or route a request: the client and its fetch set them, never a caller. */
const FRAMING_HEADERS = ["authorization", "proxy-authorization", "content-type", "content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "host", "te", "trailer"];

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
const LEVELS = ["debug", "info", "warn", "error", "off"];
/** A header value: printable ASCII, single spaces inside. */
const HEADER_VALUE = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
// setTimeout fires at once for delays above 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `value`, when `ok`; else an InputError naming `field` and `rule`. */
function checked<T>(field: string, value: T, ok: boolean, rule: string, quote = true): T {
  if (!ok) throw new InputError(field, rule, quote ? shown(value) : undefined);
  return value;
}

const milliseconds = (field: string, value: unknown) =>
  checked(field, value as number, typeof value === "number" && value > 0 && value <= MAX_TIMEOUT_MS, `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`);

const count = (field: string, value: unknown, min: number) =>
  checked(field, value as number, Number.isSafeInteger(value) && (value as number) >= min, `must be an integer of at least ${min}`);

/** A URL string without the tabs and line breaks the URL parser drops wherever they are. */
const withoutDropped = (value: unknown) => (typeof value === "string" ? value.replace(/[\t\n\r]/g, "") : value);

function baseUrlOf(field: string, baseUrl: unknown): string {
  const rule = "must be an absolute https URL without ? or # (http only for a loopback host: localhost, 127.x.x.x or [::1])";
  checked(field, baseUrl, typeof baseUrl === "string" && URL.canParse(baseUrl) && !/[?#]/.test(baseUrl), rule);
  const url = new URL(baseUrl as string);
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
  checked(field, baseUrl, secure, `${rule}: a bearer key must not cross a network in clear text`);
  checked(field, url.origin, !url.username && !url.password, "must not carry credentials");
  return url.href.replace(/\/+$/, "");
}

export function resolveOptions(options: KeepupClientOptions): ResolvedOptions {
  const given = Object.fromEntries(membersOf(options, "options", OPTION_NAMES)) as KeepupClientOptions;
  const { process } = globalThis;
  /** An option as given, else its environment variable's value: an error names where it came from. */
  const fromEnvironment = (name: "apiKey" | "baseUrl" | "logLevel", variable: string): [unknown, string] => {
    const value = given[name] ?? (process?.env?.[variable] || undefined);
    return [value, given[name] === undefined && value !== undefined ? variable : name];
  };
  const node = process?.versions?.node;
  // Any global scope without Node's process: a page, a Web Worker, a service worker.
  checked("dangerouslyAllowBrowser", given, typeof node === "string" || given.dangerouslyAllowBrowser === true, "must be true in a browser: KeepUp's API key must never be in client-side code", false);
  const fetch = checked("fetch", given.fetch ?? globalThis.fetch, typeof (given.fetch ?? globalThis.fetch) === "function", "must be a function (no global fetch was found)", false);
  const [apiKey, apiKeyField] = fromEnvironment("apiKey", "KEEPUP_API_KEY");
  checked("apiKey", apiKey, apiKey !== undefined, "is required: pass it or set KEEPUP_API_KEY", false);
  // Anything else cannot be sent as a header value, and the fetch error for it would quote the key.
  checked(apiKeyField, apiKey, typeof apiKey === "string" && /^[\x21-\x7e]+$/.test(apiKey), "must be printable ASCII without white space (a header value)", false);
  const [level = "warn", levelField] = fromEnvironment("logLevel", "KEEPUP_LOG");
  const logLevel = checked(levelField, level as string, LEVELS.includes(level as string), `must be one of ${LEVELS.join(", ")}`);
  const logger = given.logger ?? console;
  checked("logger", logger, LEVELS.slice(0, 4).every((level) => typeof (logger as unknown as Record<string, unknown>)?.[level] === "function"), "must have the methods debug, info, warn and error (console has them)", false);
  const { userAgent } = given;
  checked("userAgent", userAgent, userAgent === undefined || (typeof userAgent === "string" && HEADER_VALUE.test(userAgent)), "must be printable ASCII (a header value)");
  // The key leaves only in Authorization: not in the User-Agent, not in the URL.
  const redact = redactor([apiKey as string]);
  const keyFree = <T>(field: string, value: T): T =>
    checked(field, value, typeof value !== "string" || !redact.has(value), KEY_HELD, false);
  keyFree("userAgent", userAgent);
  const [baseUrl, baseUrlField] = fromEnvironment("baseUrl", "KEEPUP_BASE_URL");
  return {
    apiKey: apiKey as string,
    // Checked without what the URL parser drops (tabs and line breaks, which could split the key:
    // before any rule quotes it), and as the parser writes it (a full-width host made ASCII).
    baseUrl: keyFree(baseUrlField, baseUrlOf(baseUrlField, keyFree(baseUrlField, withoutDropped(baseUrl ?? "https://api.keepup.store/v2.0")))),
    timeoutMs: milliseconds("timeoutMs", given.timeoutMs ?? 30_000),
    maxRetries: count("maxRetries", given.maxRetries ?? 2, 0),
    maxResponseBytes: count("maxResponseBytes", given.maxResponseBytes ?? 8 * 1024 * 1024, 1),
    fetch: fetch as Fetch,
    userAgent: [`keepup-api/${version}`, node && `node/${node}`, userAgent].filter(Boolean).join(" "),
    log: (level, message) => {
      if (LEVELS.indexOf(level) < LEVELS.indexOf(logLevel)) return;
      try {
        const written: unknown = logger[level](message());
        // An async logger's rejection must not end the process as an unhandled one either.
        if (typeof (written as PromiseLike<unknown> | undefined)?.then === "function") Promise.resolve(written).catch(() => {});
      } catch {
        // A broken logger must not turn a call's outcome (a performed write) into its own error.
      }
    },
    redact,
    signal: undefined,
    headers: {},
  };
}

/** One call's options over the client's: the last argument of every method. */
export function callOptions(options: unknown, defaults: ResolvedOptions): CallOptions {
  const given = Object.fromEntries(options === undefined ? [] : membersOf(options, "options", ["signal", "timeoutMs", "maxRetries", "headers"])) as RequestOptions;
  const headers: Record<string, string> = {};
  for (const [name, value] of given.headers === undefined ? [] : membersOf(given.headers, "options.headers")) {
    const field = `options.headers.${name}`;
    checked(field, name, !FRAMING_HEADERS.includes(name.toLowerCase()), "cannot be set: the client frames its requests and sends the API key itself", false);
    checked(field, name, /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name), "is not a header name", false);
    checked(field, name, !defaults.redact.has(name), KEY_HELD, false);
    checked(field, value, typeof value === "string" && HEADER_VALUE.test(value), "must be printable ASCII (a header value)");
    // The key leaves only in Authorization.
    headers[name.toLowerCase()] = checked(field, value as string, !defaults.redact.has(value as string), KEY_HELD, false);
  }
  return {
    signal: checked("options.signal", given.signal, given.signal === undefined || isSignal(given.signal), "must be an AbortSignal", false),
    timeoutMs: given.timeoutMs === undefined ? defaults.timeoutMs : milliseconds("options.timeoutMs", given.timeoutMs),
    maxRetries: given.maxRetries === undefined ? defaults.maxRetries : count("options.maxRetries", given.maxRetries, 0),
    headers,
  };
}
