// The one call path: every operation is performed here, with its timeout, retry policy,
// bounded read, contract check of the answer, error mapping and redaction.
import type { Client } from "openapi-fetch";
import { operations as contract } from "../generated/operations.js";
import type { operations, paths } from "../generated/schema.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  InputError,
  KeepupError,
  errorClassFor,
} from "./errors.js";
import type { ResolvedOptions } from "./options.js";
import { quoted, read, redactor, thrownCopy, type Redactor } from "./redact.js";
import { violation, type Schema } from "./validate.js";
import {
  isRetriedFailure,
  isRetriedStatus,
  listen,
  onAbort,
  RETRY_POLICY,
  retryDelayMs,
  sleep,
  untilAborted,
  type RetryPolicy,
} from "./retries.js";

export type OperationId = keyof typeof contract & keyof operations;

/** The JSON body of response `Status` of an operation in generated/schema.d.ts. */
export type JsonResponse<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

type Operation<Id extends OperationId> = operations[Id];

/** What `keepup.request(operationId, init)` takes: the operation's own parameters and body, typed. */
export interface RequestInit<Id extends OperationId> {
  params?: Pick<Operation<Id>["parameters"], "path" | "query"> | undefined;
  body?: NonNullable<Operation<Id>["requestBody"]>["content"]["application/json"] | undefined;
  /** Aborts the request (and any retry); the abort is passed through, not retried. */
  signal?: AbortSignal | undefined;
}

interface Call {
  params?: { path?: Record<string, unknown> | undefined; query?: Record<string, unknown> | undefined } | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** A path parameter is one path segment: not empty, `.` or `..` (URL normalisation would move it), no `/` or white space. */
export const PATH_SEGMENT = /^(?!\.\.?$)[^\s/]+$/;

function checkCall({ params, signal }: Call): void {
  for (const [name, value] of Object.entries(params?.path ?? {})) {
    // A lone surrogate cannot be percent-encoded.
    if (typeof value !== "string" || !PATH_SEGMENT.test(value) || !value.isWellFormed()) {
      throw new InputError(`params.path.${name}`, "must be a non-empty string without white space or '/', other than '.' or '..'");
    }
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new InputError("signal", "must be an AbortSignal");
  signal?.throwIfAborted();
}

/** An answer whose status line arrived; `text` is undefined when its body could not be read. */
interface Answer {
  response: Response;
  text: string | undefined;
  readFailure?: string;
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes of the body, cancelling it beyond that or on `signal`'s abort. */
async function readBounded(response: Response, limit: number, signal: AbortSignal): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  const unsubscribe = listen(signal, cancel);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > limit) throw new BodyTooLarge();
      chunks.push(chunk.value);
    }
  } catch (error) {
    cancel();
    throw error;
  } finally {
    unsubscribe();
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.byteLength), 0);
  return bytes;
}

const decoder = new TextDecoder();

const mediaType = (headers: Headers) => headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Error `code`s of a thrown value and its causes (ECONNREFUSED, ENOTFOUND, ...), read safely. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let at = error, depth = 0; at !== undefined && depth < 5; at = read(at, "cause"), depth++) {
    const code = read(at, "code");
    if (typeof code === "string") codes.push(code);
  }
  return codes;
}

function describe(operationId: string, answer: Answer, body: unknown, problem: string | undefined): string {
  const { status, headers } = answer.response;
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    return (
      `KeepUp answered with a redirect (${status}${location ? ` to ${quoted(location)}` : ""}), ` +
      "not followed so that the API key is not sent elsewhere; check baseUrl."
    );
  }
  if (problem) return `KeepUp answered ${operationId} with ${status}, ${problem}.`;
  const error =
    body !== null && typeof body === "object" && "error" in body && typeof body.error === "string"
      ? `: ${quoted(body.error)}`
      : "";
  if (status === 401) {
    return `KeepUp rejected the API key (401${error}). Check apiKey or KEEPUP_API_KEY; keys are on the business settings page of the KeepUp app.`;
  }
  if (status === 429) return `KeepUp is rate limiting this account (429${error}). Retry later.`;
  return `KeepUp answered ${status}${error}.`;
}

/**
 * The documented body of a success, or the APIError for any other answer. `problem` says why
 * a 2xx is not the documented success.
 */
function outcome(operationId: OperationId, answer: Answer, redact: Redactor): unknown {
  const { response, text } = answer;
  const parsed = text === undefined ? undefined : parseJson(text);
  const schema = (contract[operationId].success as Record<number, Schema>)[response.status];
  let problem = answer.readFailure;
  if (!problem && schema) {
    if (mediaType(response.headers) !== "application/json") {
      problem = `content-type ${quoted(response.headers.get("content-type") ?? "none")} instead of application/json`;
    } else if (!parsed) {
      problem = "a body that is not JSON";
    } else {
      const broken = violation(schema, parsed.value);
      if (!broken) return parsed.value;
      problem = `a body that breaks the contract (${quoted(broken)})`;
    }
  } else if (!problem && response.ok) {
    problem = "a status the contract does not document for it";
  }
  const body = redact.json(parsed ? parsed.value : text);
  const ErrorClass = errorClassFor(response.status);
  return new ErrorClass(
    redact.text(describe(operationId, answer, body, problem && redact.text(problem))),
    response.status,
    body,
    redact.headers(response.headers),
  );
}

/** `policies` is RETRY_POLICY; tests hand in others to see what each policy does. */
export function createTransport(
  raw: Client<paths>,
  options: ResolvedOptions,
  policies: Record<OperationId, RetryPolicy> = RETRY_POLICY,
) {
  const { timeoutMs, maxRetries, maxResponseBytes, baseUrl } = options;
  const redact = redactor(options.apiKey);
  const { origin } = new URL(baseUrl);
  const request = raw.request as unknown as (
    method: string,
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ response: Response }>;

  /** One attempt: the answer, once its status line arrived and its body was read (or failed to be). */
  async function attempt(operationId: OperationId, call: Call, signal: AbortSignal): Promise<Answer> {
    let answer: Answer | undefined;
    const boundedFetch = async (sent: Request): Promise<Response> => {
      const response = await options.fetch(sent);
      // Anything else (a custom fetch's mistake, or a hostile object) is no answer at all.
      if (!(response instanceof Response)) throw new TypeError("fetch did not resolve to a Response");
      answer = { response, text: undefined };
      // A status that cannot carry a body (an opaque redirect's 0, 204, ...) is passed on as is.
      if (response.status < 200 || [204, 205, 304].includes(response.status)) return response;
      const bytes = await readBounded(response, maxResponseBytes, signal);
      answer.text = decoder.decode(bytes);
      // openapi-fetch hands back a 2xx body unread (parseAs "stream") but reads any other: that
      // one gets an empty stand-in, as the bytes are already read.
      return response.ok ? response : new Response(null, { status: response.status, headers: response.headers });
    };
    const { method, path } = contract[operationId];
    try {
      await untilAborted(request(method, path, { ...call, signal, fetch: boundedFetch, parseAs: "stream" }), signal, listen);
      return answer!;
    } catch (error) {
      if (!answer) throw error; // no status line: a connection failure, a timeout or an abort
      // The server answered: what failed is reading its body, never a reason to send again.
      answer.readFailure =
        error instanceof BodyTooLarge
          ? `a body larger than maxResponseBytes (${maxResponseBytes}), not read further`
          : signal.aborted
            ? `a body not read within timeoutMs (${timeoutMs} ms)`
            : `a body that could not be read (${quoted(thrownCopy(error, redact).message)})`;
      return answer;
    }
  }

  return async function perform<Id extends OperationId>(
    operationId: Id,
    call: RequestInit<Id>,
  ): Promise<JsonResponse<operations[Id], 200>> {
    checkCall(call);
    const callerSignal = call.signal;
    const policy = policies[operationId];
    const where = `${contract[operationId].method} ${origin}`;
    for (let retry = 0; ; retry++) {
      const attemptController = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => ((timedOut = true), attemptController.abort()), timeoutMs);
      const unsubscribe = callerSignal ? onAbort(callerSignal, () => attemptController.abort()) : () => {};
      let answer: Answer;
      try {
        answer = await attempt(operationId, call, attemptController.signal);
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason; // the caller's own abort, never retried
        const failure = timedOut
          ? new APIConnectionTimeoutError(`${where} timed out after ${timeoutMs} ms`)
          : connectionError(where, error, redact);
        if (retry < maxRetries && isRetriedFailure(policy, timedOut, codesOf(error))) {
          await sleep(retryDelayMs(retry, null), callerSignal);
          continue;
        }
        throw failure;
      } finally {
        clearTimeout(timer);
        unsubscribe();
      }
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (retry < maxRetries && isRetriedStatus(policy, answer.response.status)) {
        await sleep(retryDelayMs(retry, answer.response.headers.get("retry-after")), callerSignal);
        continue;
      }
      const result = outcome(operationId, answer, redact);
      if (result instanceof KeepupError) throw result;
      return result as JsonResponse<operations[Id], 200>;
    }
  };
}

function connectionError(where: string, error: unknown, redact: Redactor): APIConnectionError {
  const cause = thrownCopy(error, redact);
  const detail = cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
  return new APIConnectionError(`${where} failed to connect (${detail})`, { cause });
}
