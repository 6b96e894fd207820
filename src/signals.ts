// Abort plumbing: listening to a signal without leaving listeners behind, settling a promise
// as soon as a signal aborts, and waiting.

// A caller's signal is read through AbortSignal's and EventTarget's own members, never its
// own properties: a signal with an own `aborted` getter or `addEventListener` cannot throw here.
const getter = (name: string) => Object.getOwnPropertyDescriptor(AbortSignal.prototype, name)!.get!;
const abortedOf = getter("aborted");
const reasonOf = getter("reason");

/** Whether `value` is an AbortSignal (by its internal state, not its prototype chain). */
export function isSignal(value: unknown): value is AbortSignal {
  try {
    abortedOf.call(value);
    return true;
  } catch {
    return false;
  }
}

export const isAborted = (signal: AbortSignal): boolean => abortedOf.call(signal);
export const reasonFor = (signal: AbortSignal): unknown => reasonOf.call(signal);

// One listener per caller signal, however many calls share it: no MaxListenersExceededWarning,
// and a call leaves nothing behind on a long-lived signal once it settles.
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` when a caller's `signal` aborts; returns the unsubscribe function. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    subscribers.set(signal, (callbacks = created));
    EventTarget.prototype.addEventListener.call(signal, "abort", () => created.forEach((call) => call()), { once: true });
  }
  callbacks.add(callback);
  return () => callbacks.delete(callback);
}

/** A plain listener, for a signal no one else holds (an attempt's own): cheaper than onAbort. */
export function listen(signal: AbortSignal, callback: () => void): () => void {
  EventTarget.prototype.addEventListener.call(signal, "abort", callback, { once: true });
  return () => EventTarget.prototype.removeEventListener.call(signal, "abort", callback);
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: a timeout holds even when a
 * custom fetch ignores the signal, or when Node drops the abort on its way to a Request's own
 * signal (nodejs/node#55428).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, subscribe = onAbort): Promise<T> {
  return new Promise((resolve, reject) => {
    if (isAborted(signal)) return reject(reasonFor(signal));
    const unsubscribe = subscribe(signal, () => reject(reasonFor(signal)));
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
