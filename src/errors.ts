// Every error the client throws is a KeepupError. None of them holds the API key: what a
// server, a fetch or a caller handed in is redacted before an error keeps it (src/redact.ts).
// Fields are `declare`d (typed only), as the constructors set them: the bundle then has no
// empty field definitions to carry.

/** Base class of every error thrown by this package. */
export class KeepupError extends Error {
  override name = "KeepupError";
}

/** Bad input, rejected before any request is sent. */
export class InputError extends KeepupError {
  override name = "InputError";
  /** The option or argument at fault, named as the caller passed it (`<input>.<member>[<index>]...`). */
  declare readonly field: string;
  /** The rule it broke, in words. */
  declare readonly rule: string;
  /** What was received instead, shortened; undefined when it says nothing useful. */
  declare readonly received: string | undefined;

  constructor(field: string, rule: string, received?: string) {
    super(`${field} ${rule}${received === undefined ? "" : ` (received ${received})`}`);
    this.field = field;
    this.rule = rule;
    this.received = received;
  }
}

/** KeepUp answered, but not with the documented success. */
export class APIError extends KeepupError {
  override name = "APIError";
  /** HTTP status code (0 for a browser's opaque redirect). */
  declare readonly status: number;
  /** The response body: parsed JSON, or the text when it is not JSON; undefined when unread. */
  declare readonly body: unknown;
  declare readonly headers: Headers;
  /** The server's request id, when it sends one. */
  declare readonly requestId: string | undefined;

  constructor(message: string, status: number, body: unknown, headers: Headers) {
    super(message);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.requestId = headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
  }
}

/** 401: the API key is missing, wrong or reset. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}

/** 429: too many requests. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}

/**
 * A 2xx that is not the documented success: another status, content type or body. KeepUp
 * accepted the request, so a write was most likely performed: never send it again blindly.
 */
export class ResponseValidationError extends APIError {
  override name = "ResponseValidationError";
}

/** The request did not get an answer (DNS, refused connection, reset, ...), or a read no whole answer. */
export class APIConnectionError extends KeepupError {
  override name = "APIConnectionError";
}

/** An attempt took longer than `timeoutMs` before KeepUp's answer began, or a read's before it ended. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}

/** The one mapping of an HTTP status to its error class. */
export const errorClassFor = (status: number): typeof APIError =>
  status >= 200 && status < 300 ? ResponseValidationError : status === 401 ? AuthenticationError : status === 429 ? RateLimitError : APIError;
