// An answer read by its shape (a status, headers, a body), so that any fetch's Response works:
// the global one, npm undici's, node-fetch's (whose body is a Node stream). Nothing here trusts
// the object: a getter that throws or a value of the wrong kind ends in a failure to report.
import { listen, untilAborted } from "./signals.js";

/** Reads a property without letting a hostile getter or proxy throw. */
export function read(value: unknown, name: string | symbol): unknown {
  try {
    return (value as Record<string | symbol, unknown>)[name];
  } catch {
    return undefined;
  }
}

/** The media type of a content-type header, lower-cased, without parameters. */
export const mediaType = (headers: Headers) => headers.get("content-type")?.split(";")[0]!.trim().toLowerCase();

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** Why the headers could not be read, when they could not. */
  failure?: string | undefined;
}

/** The status, headers and body of what a fetch resolved to, or undefined when it is no answer at all. */
export function answerOf(response: unknown): Answer | undefined {
  // A Response, read by Response's own getters: its own properties (a status that is not one) are not.
  try {
    return { status: statusOf.call(response), headers: headersOf.call(response), body: bodyOf.call(response) };
  } catch {}
  const status = read(response, "status") as number;
  if (!Number.isInteger(status) || (status && (status < 100 || status > 599))) return undefined;
  const headers = new Headers();
  try {
    (read(response, "headers") as Headers).forEach((value, name) => headers.append(name, value));
  } catch {
    return { status, headers, body: undefined, failure: "headers that could not be read" };
  }
  return { status, headers, body: read(response, "body") };
}

/** Response's own getters: an object that only claims a type or a status (an own property, a Proxy) is not read by them. */
const getter = (name: string) => Object.getOwnPropertyDescriptor(Response.prototype, name)!.get!;
const [typeOf, statusOf, headersOf, bodyOf] = ["type", "status", "headers", "body"].map(getter) as [() => string, () => number, () => Headers, () => unknown];

/** Whether `response` is a Response the global fetch made (one a custom fetch built has type "default"). */
function isFetched(response: unknown): response is Response {
  try {
    return typeOf.call(response) !== "default";
  } catch {
    return false;
  }
}

export class BodyTooLarge extends Error {}

const CHUNKS_BETWEEN_YIELDS = 64;

/**
 * Reads at most `limit` bytes of the body of `response` (a web ReadableStream or a Node
 * stream), stopping it beyond that or when `signal` aborts.
 */
export async function readBody({ response, body, headers }: { response: unknown; body: unknown; headers: Headers }, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  if (body == null) return new Uint8Array();
  // A fetched Response (not one a custom fetch built: type "default") reads exactly the
  // content-length it was sent, unless it decompresses: read it whole.
  const length = headers.get("content-length") ?? "";
  if (isFetched(response) && /^\d+$/.test(length) && Number(length) <= limit && !headers.has("content-encoding")) return new Uint8Array(await untilAborted(Response.prototype.arrayBuffer.call(response), signal, listen));
  const web = typeof read(body, "getReader") === "function";
  const reader = web ? (body as ReadableStream).getReader() : (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const next = () => (web ? (reader as ReadableStreamDefaultReader).read() : (reader as AsyncIterator<unknown>).next());
  const stop = () => {
    try {
      Promise.resolve(web ? (reader as ReadableStreamDefaultReader).cancel() : (reader as AsyncIterator<unknown>).return?.()).catch(() => {});
    } catch {
      // A custom body whose cancel throws: nothing more to stop.
    }
  };
  const unsubscribe = listen(signal, stop);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await next(), count = 1; !chunk.done; chunk = await next(), count++) {
      const bytes = typeof chunk.value === "string" ? new TextEncoder().encode(chunk.value) : chunk.value;
      if (!(bytes instanceof Uint8Array)) throw new TypeError("a body chunk that is not bytes");
      if ((size += bytes.byteLength) > limit) throw new BodyTooLarge();
      if (bytes.byteLength > 0) chunks.push(bytes);
      // Chunks that are ready at once never leave the microtask queue: let timers (the timeout) run.
      if (count % CHUNKS_BETWEEN_YIELDS === 0) {
        await new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve));
        signal.throwIfAborted();
      }
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
