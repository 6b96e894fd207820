// Timeouts and retries around one openapi-fetch call. They sit above openapi-fetch rather
// than in its fetch, so that each attempt builds exactly one Request and reads its body once.
import { APIConnectionError, APIConnectionTimeoutError } from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import { redactError } from "./redact.js";

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** Retry-After is honoured up to this; a server asking for longer gets this. */
export const MAX_RETRY_AFTER_MS = 60_000;

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Milliseconds to wait before retry number `retry` (0-based). */
export function retryDelayMs(retry: number, retryAfter: string | null, random = Math.random): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const ms =
      retryAfter.trim() !== "" && Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** retry, MAX_RETRY_DELAY_MS);
  return backoff * (1 - 0.25 * random()); // jitter spreads clients that failed together
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: a timeout holds even when a
 * custom fetch ignores the signal, or when Node drops the abort on its way to a Request's own
 * signal (nodejs/node#55428).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await untilAborted(new Promise((resolve) => (timer = setTimeout(resolve, ms))), signal);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `send` with a signal that aborts after `timeoutMs` (or on the caller's abort), and
 * calls it again after a connection error, a timeout, or a retryable status. `send` must
 * read the response body, so that the timeout covers it.
 */
export async function withRetries<Result extends { response: Response }>(
  { timeoutMs, maxRetries, apiKey, baseUrl }: ResolvedOptions,
  method: string,
  callerSignal: AbortSignal | undefined,
  send: (signal: AbortSignal) => Promise<Result>,
): Promise<Result> {
  for (let retry = 0; ; retry++) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
    let result: Result | undefined;
    let failure: APIConnectionError | undefined;
    try {
      result = await untilAborted(send(signal), signal);
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason; // the caller's own abort
      const where = `${method} ${new URL(baseUrl).origin}`;
      if (timeout.signal.aborted) {
        failure = new APIConnectionTimeoutError(`${where} timed out after ${timeoutMs} ms`);
      } else {
        const cause = redactError(error, apiKey);
        const detail = cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
        failure = new APIConnectionError(`${where} failed to connect (${detail})`, { cause });
      }
    } finally {
      clearTimeout(timer);
    }
    if (retry >= maxRetries || (result && !isRetryableStatus(result.response.status))) {
      if (result) return result;
      throw failure;
    }
    await sleep(retryDelayMs(retry, result?.response.headers.get("retry-after") ?? null), callerSignal);
  }
}
