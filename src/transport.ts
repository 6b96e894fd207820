// The fetch that openapi-fetch is given: one timeout per attempt, retries with backoff,
// redirects never followed, and network failures turned into KeepupErrors.
import { APIConnectionError, APIConnectionTimeoutError } from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import { redact, redactError } from "./redact.js";

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** Retry-After is honoured up to this; a server asking for longer gets this. */
export const MAX_RETRY_AFTER_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Milliseconds to wait before retry number `retry` (0-based). */
export function retryDelayMs(retry: number, retryAfter: string | null, random = Math.random): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const ms = retryAfter.trim() !== "" && Number.isFinite(seconds)
      ? seconds * 1000
      : Date.parse(retryAfter) - Date.now();
    if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return backoff * (1 - 0.25 * random()); // jitter spreads clients that failed together
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

type Attempt =
  | { response: Response; error?: undefined }
  | { response?: undefined; error: APIConnectionError };

export function createTransport(options: ResolvedOptions): (request: Request) => Promise<Response> {
  const { fetch: fetchImpl, timeoutMs, maxRetries, apiKey } = options;

  async function attempt(request: Request, body: ArrayBuffer | null): Promise<Attempt> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      const response = await fetchImpl(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body,
          redirect: "manual",
          signal: AbortSignal.any([request.signal, timeout.signal]),
        }),
      );
      // Browsers hide manual redirects as opaque responses, which cannot be rebuilt.
      if (response.type === "opaqueredirect") return { response };
      // The body is read inside the attempt, so the timeout covers it too.
      const content = await response.arrayBuffer();
      return {
        response: new Response(content.byteLength === 0 ? null : content, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        }),
      };
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason; // the caller's own abort
      const where = `${request.method} ${redact(new URL(request.url).origin, apiKey)}`;
      if (timeout.signal.aborted) {
        return { error: new APIConnectionTimeoutError(`${where} timed out after ${timeoutMs} ms`) };
      }
      const cause = redactError(error, apiKey);
      const detail = cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
      return { error: new APIConnectionError(`${where} failed to connect (${detail})`, { cause }) };
    } finally {
      clearTimeout(timer);
    }
  }

  return async function transport(request: Request): Promise<Response> {
    // Buffered once so that every attempt sends the same bytes.
    const body = request.body === null ? null : await request.arrayBuffer();
    for (let retry = 0; ; retry++) {
      const result = await attempt(request, body);
      const retryable = result.error !== undefined || isRetryableStatus(result.response.status);
      if (!retryable || retry >= maxRetries) {
        if (result.error) throw result.error;
        return result.response;
      }
      const retryAfter = result.response?.headers.get("retry-after") ?? null;
      await sleep(retryDelayMs(retry, retryAfter), request.signal);
    }
  };
}
