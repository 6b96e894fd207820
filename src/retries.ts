// What is sent again, and when. KeepUp documents no idempotency keys: a repeated write (a
// cancel, a refund, a payment) is real, so a write is sent again only when its failure proves
// that KeepUp never received it. Each operation's policy comes from the contract (its method,
// or its `x-retry-policy`), in generated/operations.js.

/** The retry policy an operation declares. */
export type RetryPolicy = "read" | "write";

/** Error codes of a fetch that failed before any byte of the request could reach a server. */
export const NEVER_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

/** What each policy sends again; the README's retry table is checked against it. */
export const RETRIED = {
  /** Reads: any failure to get an answer, a timeout, and these statuses. */
  read: { statuses: [408, 429, 500, 502, 503, 504], connectionFailures: "all", timeouts: true },
  /** Writes: only what proves the request was not taken: a refused connection, a DNS failure, a 429. */
  write: { statuses: [429], connectionFailures: NEVER_SENT_CODES, timeouts: false },
} as const satisfies Record<RetryPolicy, { statuses: number[]; connectionFailures: "all" | string[]; timeouts: boolean }>;

const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** Retry-After is honoured up to this; a server asking for longer gets this. */
export const MAX_RETRY_AFTER_MS = 60_000;

export function isRetriedStatus(policy: RetryPolicy, status: number): boolean {
  return (RETRIED[policy].statuses as readonly number[]).includes(status);
}

/** Whether a failure with no answer (a timeout, or the `code`s of the error and its causes) is retried. */
export function isRetriedFailure(policy: RetryPolicy, timedOut: boolean, codes: string[]): boolean {
  const { connectionFailures, timeouts } = RETRIED[policy];
  if (timedOut) return timeouts;
  return connectionFailures === "all" || codes.some((code) => (connectionFailures as readonly string[]).includes(code));
}

/** Error codes of a connection lost while a body was coming (not of a body that came whole but could not be decoded). */
export const CONNECTION_LOST_CODES = ["ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_BODY_TIMEOUT"];

/**
 * Whether an answer whose body was cut (by the timeout, or by a lost connection) is sent again.
 * Its status line arrived, so the request was received: never for a policy that sends again
 * only what proves it was not.
 */
export function isRetriedCutBody(policy: RetryPolicy, timedOut: boolean, codes: string[]): boolean {
  const { connectionFailures, timeouts } = RETRIED[policy];
  return connectionFailures === "all" && (timedOut ? timeouts : codes.some((code) => CONNECTION_LOST_CODES.includes(code)));
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
