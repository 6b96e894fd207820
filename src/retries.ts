// What is sent again, and when. KeepUp documents no idempotency keys: a repeated write (a
// cancel, a refund, a payment) is real, so a write is sent again only when its failure proves
// that KeepUp never received it.

import type { operations } from "../generated/operations.js";

/** The retry policy an operation declares. */
export type RetryPolicy = "read" | "write";

/** Each operation's retry policy; the README's retry table is checked against it. */
export const RETRY_POLICY = {
  listSales: "read",
  fetchSale: "read",
  addSale: "write",
  editSale: "write",
  updateSaleBalance: "write",
  cancelSale: "write",
  refundSale: "write",
} as const satisfies Record<keyof typeof operations, RetryPolicy>;

/** Error codes of a fetch that failed before any byte of the request could reach a server. */
const NEVER_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"];

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

// One listener per caller signal, however many calls share it: no MaxListenersExceededWarning,
// and a call leaves nothing behind on a long-lived signal once it settles.
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` when `signal` aborts; returns the unsubscribe function. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    subscribers.set(signal, (callbacks = created));
    signal.addEventListener("abort", () => created.forEach((call) => call()), { once: true });
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: a timeout holds even when a
 * custom fetch ignores the signal, or when Node drops the abort on its way to a Request's own
 * signal (nodejs/node#55428).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, subscribe = onAbort): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const unsubscribe = subscribe(signal, () => reject(signal.reason));
    promise.then(
      (value) => (unsubscribe(), resolve(value)),
      (error) => (unsubscribe(), reject(error)),
    );
  });
}

/** A plain listener, for a signal no one else holds (an attempt's own): cheaper than onAbort. */
export function listen(signal: AbortSignal, callback: () => void): () => void {
  signal.addEventListener("abort", callback, { once: true });
  return () => signal.removeEventListener("abort", callback);
}

export async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await (signal ? untilAborted(waited, signal) : waited);
  } finally {
    clearTimeout(timer);
  }
}
