// Abort plumbing: listening to a signal without leaving listeners behind, settling a promise
// as soon as a signal aborts, and waiting.

// One listener per caller signal, however many calls share it: no MaxListenersExceededWarning,
// and a call leaves nothing behind on a long-lived signal once it settles.
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` when a caller's `signal` aborts; returns the unsubscribe function. */
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

/** A plain listener, for a signal no one else holds (an attempt's own): cheaper than onAbort. */
export function listen(signal: AbortSignal, callback: () => void): () => void {
  signal.addEventListener("abort", callback, { once: true });
  return () => signal.removeEventListener("abort", callback);
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

export async function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await (signal ? untilAborted(waited, signal) : waited);
  } finally {
    clearTimeout(timer);
  }
}
