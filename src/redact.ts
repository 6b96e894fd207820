const REDACTED = "[redacted]";

/** Replaces every occurrence of `secret` in the strings of a JSON-like value. */
export function redact<T>(value: T, secret: string): T {
  if (typeof value === "string") return value.replaceAll(secret, REDACTED) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redact(item, secret)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secret), redact(item, secret)]),
    ) as T;
  }
  return value;
}

export function redactHeaders(headers: Headers, secret: string): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, redact(value, secret)));
  return copy;
}

/**
 * A copy of `error` that can be kept as a cause: same name, redacted message and stack, and
 * its own causes copied the same way (they carry the useful detail, e.g. ECONNREFUSED).
 */
export function redactError(error: unknown, secret: string, depth = 0): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const cause =
    source.cause !== undefined && depth < 4
      ? { cause: redactError(source.cause, secret, depth + 1) }
      : undefined;
  const copy = new Error(redact(source.message, secret), cause);
  copy.name = source.name;
  copy.stack = redact(source.stack ?? "", secret);
  return copy;
}

/** A short, redacted rendering of a rejected input value, for InputError messages. */
export function shown(value: unknown, secret: string): string {
  const text = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? typeof value);
  return redact(text, secret).slice(0, 80);
}
