// The one call path: every operation is performed here, with its timeout, retry policy,
// bounded read, contract check of the answer, error mapping, redaction and logging. One
// straight loop: build the request, fetch, read (bounded), decide, return or throw.
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import type { WithResponse } from "./api-promise.js";
import { APIConnectionError, APIConnectionTimeoutError, errorClassFor, type APIError } from "./errors.js";
import type { CallOptions, FetchInit, ResolvedOptions } from "./options.js";
import { quoted } from "./redact.js";
import { answerOf, BodyTooLarge, mediaType, read, readBody, type Answer } from "./response.js";
import { NEVER_SENT_CODES, isRetriedCutBody, isRetriedFailure, isRetriedStatus, retryDelayMs, type RetryPolicy } from "./retries.js";
import { isAborted, listen, onAbort, reasonFor, sleep, untilAborted } from "./signals.js";
import { violation, type Schema } from "./validate.js";

/** An operation as generated/operations.js describes it. */
export interface OperationEntry {
  method: string;
  path: string;
  /** The resource, the method's name on it, and the name of its input argument (when it takes one). */
  client: [resource: string, method: string, input?: string];
  retry: RetryPolicy;
  /** The path parameters' schemas, in path order. */
  pathParams: Record<string, Schema>;
  /** The query parameters, as the schema of one object. */
  query?: Schema;
  body?: Schema;
  bodyRequired?: boolean;
  /** The schema of each documented 2xx body. */
  success: Record<string, Schema>;
}

/** What an operation is called with, in KeepUp's field names, checked. */
export interface Wire {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** An answer whose status line arrived, with its body's text (undefined when it could not be read). */
interface Received extends Answer {
  response: unknown;
  text?: string;
  /** Why the body was not read whole, when that was a stop (a timeout, an abort) or a connection failure. */
  cut?: { codes: string[]; detail: string };
}

const decoder = new TextDecoder();
const querySerializer = createQuerySerializer();

/** What a (redacted) failure says, with its cause's words: undici's "fetch failed: connect ECONNREFUSED ...". */
const detailOf = (failure: Error) => [failure.message, read(failure.cause, "message")].filter(Boolean).join(": ");

/** What a caller must know of a write whose answer does not say KeepUp refused it (a 4xx does). */
const unknownFateOf = (entry: OperationEntry) => `a write (${entry.method}), so it may have been performed: check its effect before sending it again`;

/** Error `code`s of a thrown value and its causes (ECONNREFUSED, ENOTFOUND, ...), read safely. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let at = error, depth = 0; at != null && depth < 5; at = read(at, "cause"), depth++) {
    const code = read(at, "code");
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

export function createTransport(options: ResolvedOptions) {
  const { baseUrl, maxResponseBytes: limit, log, redact } = options;

  /** One attempt: the answer once its status line arrived and its body was read (or failed to be). */
  async function attempt(url: string, init: Omit<FetchInit, "signal" | "redirect">, signal: AbortSignal, stopped: () => string): Promise<Received> {
    let received: Received | undefined;
    const exchange = async () => {
      const response = await options.fetch(url, { ...init, signal, redirect: "manual" });
      // Anything else (a custom fetch's mistake, or a hostile object) is no answer at all.
      received = { response, ...(answerOf(response) ?? fail(new TypeError("fetch did not resolve to a response"))) };
      // A status that cannot carry a body (an opaque redirect's 0, 204, ...) is not read.
      if (!received.failure && received.status >= 200 && ![204, 205, 304].includes(received.status)) {
        received.text = decoder.decode(await readBody(received, limit, signal));
      }
    };
    try {
      await untilAborted(exchange(), signal, listen);
    } catch (error) {
      if (!received) throw error; // no status line: a connection failure, a timeout or an abort
      // The server answered: what failed is reading its body (sent again only for a read: perform).
      if (error instanceof BodyTooLarge) received.failure = `a body larger than maxResponseBytes (${limit}), not read further`;
      else if (signal.aborted) {
        received.failure = `a body not read ${stopped()}`;
        received.cut = { codes: [], detail: "" };
      } else {
        const detail = detailOf(redact.thrown(error));
        received.failure = `a body that could not be read (${detail})`;
        received.cut = { codes: codesOf(error), detail };
      }
    }
    return received!;
  }

  /** The documented body of a success, or the APIError for any other answer. */
  function outcome(id: string, entry: OperationEntry, where: () => string, received: Received): WithResponse<unknown> | APIError {
    const { status, headers, text } = received;
    const schema = entry.success[status];
    let problem = received.failure;
    let parsed: { value: unknown } | undefined;
    try {
      if (text) parsed = { value: JSON.parse(text) };
    } catch {}
    if (!problem && schema) {
      const broken = parsed && violation(schema, parsed.value);
      if (mediaType(headers) !== "application/json") problem = `content-type ${headers.get("content-type") ?? "none"} instead of application/json`;
      else if (!parsed) problem = "a body that is not JSON";
      else if (!broken) return { data: parsed.value, response: received.response as Response, requestId: requestIdOf(headers) };
      else problem = `a body that breaks the contract (/${broken.at.join("/")} ${broken.rule})`;
    } else if (!problem && status >= 200 && status < 300) {
      problem = "a status the contract does not document for it";
    }
    // Everything the error keeps or says is redacted first, before any of it is cut.
    let body: unknown = parsed && depthOf(text!) <= MAX_ERROR_BODY_DEPTH ? parsed.value : text;
    if (text !== undefined && (redact.numeric || redact.has(text))) {
      parsed = body = undefined; // the raw parse is not kept beside the redacted one
      body = redact.json(text);
      if (typeof body !== "string" && depthOf(text) > MAX_ERROR_BODY_DEPTH) body = redact.flat(text);
    }
    const safe = redact.headers(headers);
    const message = describe(id, entry, where(), status, safe, body, problem && quoted(redact.text(problem)));
    return new (errorClassFor(status))(message, status, body, safe);
  }

  return async function perform(id: string, entry: OperationEntry, wire: Wire, call: CallOptions): Promise<WithResponse<unknown>> {
    const { signal: callerSignal, timeoutMs, maxRetries } = call;
    const callerAborted = () => callerSignal !== undefined && isAborted(callerSignal);
    if (callerAborted()) throw reasonFor(callerSignal!);
    const url = createFinalURL(entry.path, { baseUrl, params: wire, querySerializer, pathSerializer: defaultPathSerializer });
    // Named in messages and logs without its query, which may hold a customer's details (a
    // fetch's own text loses it in redact.thrown).
    const where = () => redact.text(`${entry.method} ${url.split("?")[0]}`);
    // What a caller must know of a write that got no answer: KeepUp may have taken it.
    const unknownFate = entry.retry === "write" ? `; it was ${unknownFateOf(entry)}` : "";
    const init = {
      method: entry.method,
      headers: {
        accept: "application/json",
        "user-agent": options.userAgent,
        ...(wire.body !== undefined && { "content-type": "application/json" }),
        ...call.headers,
        authorization: `Bearer ${options.apiKey}`,
      },
      ...(wire.body !== undefined && { body: JSON.stringify(wire.body) }),
    };
    for (let retry = 0; ; retry++) {
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs);
      const unsubscribe = callerSignal ? onAbort(callerSignal, () => controller.abort()) : () => {};
      const started = performance.now();
      const attempted = (what: string) => log("debug", () => `keepup ${id}: ${where()} attempt ${retry + 1}: ${what} (${Math.round(performance.now() - started)} ms)`);
      const again = async (delay: number, why: unknown) => {
        log("info", () => `keepup ${id}: sending again in ${Math.round(delay)} ms (${why})`);
        await sleep(delay, callerSignal);
      };
      let received: Received;
      try {
        received = await attempt(url, init, controller.signal, () => (timedOut ? "within the timeout" : "before your signal aborted"));
      } catch (error) {
        const codes = codesOf(error);
        const neverSent = codes.some((code) => NEVER_SENT_CODES.includes(code));
        if (callerAborted()) {
          // The caller's own abort, never retried; a write it stopped in flight may have been taken.
          if (!unknownFate || neverSent) throw reasonFor(callerSignal!);
          throw new APIConnectionError(`${where()} was stopped by your signal${unknownFate}`, { cause: reasonFor(callerSignal!) });
        }
        const cause = redact.thrown(error);
        const detail = detailOf(cause);
        const failure = timedOut
          ? new APIConnectionTimeoutError(`${where()} timed out after ${timeoutMs} ms${unknownFate}`)
          : neverSent
            ? new APIConnectionError(`${where()} failed to connect (${detail})`, { cause })
            : new APIConnectionError(`${where()} got no answer (${detail})${unknownFate}`, { cause });
        attempted(timedOut ? "timed out" : `no answer (${detail})`);
        if (retry < maxRetries && isRetriedFailure(entry.retry, timedOut, codes)) {
          await again(retryDelayMs(retry, null), timedOut ? "timeout" : "no answer");
          continue;
        }
        throw failure;
      } finally {
        clearTimeout(timer);
        unsubscribe();
      }
      // The caller's own abort stays theirs, unless it stopped a write KeepUp did not refuse (a 4xx):
      // then the write's fate is what they must know, with their reason as its cause.
      const refused = received.status >= 400 && received.status < 500;
      if (callerAborted() && !(entry.retry === "write" && !refused)) throw reasonFor(callerSignal!);
      attempted(String(received.status));
      if (retry < maxRetries && isRetriedStatus(entry.retry, received.status)) {
        await again(retryDelayMs(retry, received.headers.get("retry-after")), received.status);
        continue;
      }
      // A read whose body was cut is a timeout or a connection failure like any other.
      if (received.cut && isRetriedCutBody(entry.retry, timedOut, received.cut.codes)) {
        if (retry < maxRetries) {
          await again(retryDelayMs(retry, null), timedOut ? "timeout" : "no whole answer");
          continue;
        }
        throw timedOut
          ? new APIConnectionTimeoutError(`${where()} answered ${received.status}, but its body was not read within ${timeoutMs} ms`)
          : new APIConnectionError(`${where()} answered ${received.status}, but its body could not be read (${received.cut.detail})`);
      }
      const result = outcome(id, entry, where, received);
      if (result instanceof Error) throw callerAborted() ? Object.assign(result, { cause: reasonFor(callerSignal!) }) : result;
      return result;
    }
  };
}

/** Deeper than this, an error's body is kept as text: a caller's JSON.stringify or inspect of it would overflow its stack. */
const MAX_ERROR_BODY_DEPTH = 256;

/** How deeply the JSON text nests, outside its strings; linear, and stops counting past the limit. */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let at = 0; at < text.length && deepest <= MAX_ERROR_BODY_DEPTH; at++) {
    const character = text[at];
    if (character === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === "\\") at++;
    } else if (character === "[" || character === "{") deepest = Math.max(deepest, ++depth);
    else if (character === "]" || character === "}") depth--;
  }
  return deepest;
}

const requestIdOf = (headers: Headers) => headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;

function fail(error: Error): never {
  throw error;
}

/** The message of an error: what KeepUp answered, and what to do about it. */
function describe(id: string, entry: OperationEntry, where: string, status: number, headers: Headers, body: unknown, problem: string | undefined): string {
  // Only a refusal (4xx) says the write was not taken; a redirect, a 5xx (a gateway's too) or an odd status does not.
  const fate = entry.retry === "write" && (status < 400 || status >= 500) ? ` It was ${unknownFateOf(entry)}.` : "";
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    return `KeepUp answered ${where} with a redirect (${status}${location ? ` to ${quoted(location)}` : ""}), not followed so that the API key is not sent elsewhere.${fate || " Check baseUrl."}`;
  }
  if (status >= 200 && status < 300) {
    return (
      `KeepUp accepted ${id} (HTTP ${status}), but its answer is not the documented success: ${problem}.` +
      (entry.retry === "write" ? ` It was a write (${entry.method}), so it was most likely performed: do not send it again before checking its effect.` : "")
    );
  }
  if (problem) return `KeepUp answered ${id} with ${status}, ${problem}.${fate}`;
  const error = typeof read(body, "error") === "string" ? `: ${quoted(read(body, "error") as string)}` : "";
  if (status === 401) return `KeepUp rejected the API key (401${error}). Check apiKey or KEEPUP_API_KEY; keys are on the business settings page of the KeepUp app.`;
  if (status === 429) return `KeepUp is rate limiting this account (429${error}). Retry later.`;
  return `KeepUp answered ${id} with ${status}${error}.${fate}`;
}
