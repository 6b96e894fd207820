// Redaction of the API key from what a server or a fetch hands back, applied once, where
// src/transport.ts builds an error.

const REDACTED = "[redacted]";
/**
 * A key shorter than this is not a secret (e.g. `k` against the mock), and replacing it would
 * rewrite ordinary words: it is left as it is.
 */
const MIN_SECRET_LENGTH = 8;
/** Server text quoted in a message is cut to this many characters; the whole is on `body`. */
const MAX_QUOTED = 200;

/** The forms a key takes in text: as is, JSON-escaped and percent-encoded. */
function formsOf(key: string): string[] {
  if (key.length < MIN_SECRET_LENGTH) return [];
  return [...new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)])];
}

export type Redactor = ReturnType<typeof redactor>;

export function redactor(key: string) {
  const forms = formsOf(key);
  const text = (value: string): string => forms.reduce((result, form) => result.replaceAll(form, REDACTED), value);

  /** A redacted copy of a JSON value of any depth (iterative: deep JSON cannot overflow the stack). */
  function json(value: unknown): unknown {
    const leaf = (item: unknown): unknown =>
      typeof item === "string" ? text(item) : typeof item === "number" && text(String(item)) !== String(item) ? REDACTED : item;
    if (value === null || typeof value !== "object") return leaf(value);
    const root: { value?: unknown } = {};
    const stack: [unknown, Record<string, unknown> | unknown[], string | number][] = [[value, root as Record<string, unknown>, "value"]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [source, target, slot] = next;
      if (source === null || typeof source !== "object") {
        (target as Record<string | number, unknown>)[slot] = leaf(source);
        continue;
      }
      const copy: Record<string, unknown> | unknown[] = Array.isArray(source) ? [] : {};
      (target as Record<string | number, unknown>)[slot] = copy;
      for (const [name, item] of Object.entries(source)) {
        stack.push([item, copy, Array.isArray(copy) ? Number(name) : text(name)]);
      }
    }
    return root.value;
  }

  function headers(source: Headers): Headers {
    const copy = new Headers();
    source.forEach((value, name) => {
      if (text(name) === name) copy.append(name, text(value));
    });
    return copy;
  }

  return { text, json, headers };
}

/** A short, redacted rendering of a rejected input value, for InputError messages. */
export function shown(value: unknown, apiKey: string): string {
  const text = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? typeof value);
  return redactor(apiKey).text(text).slice(0, 80);
}

/** Server text fit for a one-line message: control characters (newlines, ANSI escapes) out, length capped. */
export function quoted(value: string): string {
  const clean = value.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}

/** Reads a property without letting a hostile getter or proxy throw. */
export function read(value: unknown, name: string): unknown {
  try {
    return value !== null && (typeof value === "object" || typeof value === "function")
      ? (value as Record<string, unknown>)[name]
      : undefined;
  } catch {
    return undefined;
  }
}

function asText(value: unknown): string {
  try {
    return typeof value === "string" ? value : String(value);
  } catch {
    return "(unprintable)";
  }
}

/**
 * What a fetch threw, as a plain Error chain safe to keep as a cause: name, message and code
 * copied (capped, redacted), stack and everything else left behind.
 */
export function thrownCopy(error: unknown, redact: Redactor, depth = 0): Error {
  const message = read(error, "message");
  const copy = new Error(redact.text(quoted(asText(message === undefined ? error : message))));
  copy.name = redact.text(quoted(asText(read(error, "name") ?? "Error")));
  const code = read(error, "code");
  if (typeof code === "string") Object.assign(copy, { code: redact.text(quoted(code)) });
  copy.stack = `${copy.name}: ${copy.message}`;
  const cause = read(error, "cause");
  if (cause !== undefined && depth < 4) copy.cause = thrownCopy(cause, redact, depth + 1);
  return copy;
}
