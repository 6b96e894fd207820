// An answer read by its shape (a status, headers, a body), so that any fetch's Response works:
// the global one, npm undici's, node-fetch's (whose body is a Node stream). Nothing here trusts
// the object: a getter that throws or a value of the wrong kind ends in a failure to report.
import { listen } from "./signals.js";

/** Reads a property without letting a hostile getter or proxy throw. */
export function read(value: unknown, name: string | symbol): unknown {
  try {
    return value !== null && (typeof value === "object" || typeof value === "function")
      ? (value as Record<string | symbol, unknown>)[name]
      : undefined;
  } catch {
    return undefined;
  }
}

/** The media type of a content-type header, lower-cased, without parameters. */
export const mediaType = (headers: Headers) => headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** Why the headers could not be read, when they could not. */
  failure?: string | undefined;
}

/** The status, headers and body of what a fetch resolved to, or undefined when it is no answer at all. */
export function answerOf(response: unknown): Answer | undefined {
  const status = read(response, "status");
  if (!Number.isInteger(status) || (status !== 0 && ((status as number) < 100 || (status as number) > 599))) return undefined;
  const headers = new Headers();
  let failure: string | undefined;
  try {
    const source = read(response, "headers");
    (source as Headers).forEach((value, name) => headers.append(name, value));
  } catch {
    failure = "headers that could not be read";
  }
  return { status: status as number, headers, body: read(response, "body"), failure };
}

export class BodyTooLarge extends Error {}

/**
 * Reads at most `limit` bytes of a body (a web ReadableStream or a Node stream), stopping it
 * beyond that or when `signal` aborts.
 */
export async function readBody(body: unknown, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array();
  const getReader = read(body, "getReader");
  const iterate = read(body, Symbol.asyncIterator);
  let next: () => Promise<IteratorResult<unknown>>;
  let stop: () => void;
  if (typeof getReader === "function") {
    const reader = getReader.call(body) as ReadableStreamDefaultReader<unknown>;
    next = () => reader.read() as Promise<IteratorResult<unknown>>;
    stop = () => void reader.cancel().catch(() => {});
  } else if (typeof iterate === "function") {
    const iterator = iterate.call(body) as AsyncIterator<unknown>;
    next = () => iterator.next();
    stop = () => void iterator.return?.().catch(() => {});
  } else {
    throw new TypeError("a body that is neither a web stream nor a Node stream");
  }
  const unsubscribe = listen(signal, stop);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await next(); !chunk.done; chunk = await next()) {
      const bytes = typeof chunk.value === "string" ? new TextEncoder().encode(chunk.value) : chunk.value;
      if (!(bytes instanceof Uint8Array)) throw new TypeError("a body chunk that is not bytes");
      size += bytes.byteLength;
      if (size > limit) throw new BodyTooLarge();
      chunks.push(bytes);
    }
    signal.throwIfAborted(); // a Node stream stopped mid-way ends as if done
  } catch (error) {
    stop();
    throw error;
  } finally {
    unsubscribe();
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
  return bytes;
}
