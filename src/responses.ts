// Turns what openapi-fetch returns into the documented body or a typed APIError.
import { APIError, AuthenticationError, RateLimitError } from "./errors.js";
import { redact, redactHeaders } from "./redact.js";

/** The JSON body of response `Status` of an operation in generated/schema.d.ts. */
export type JsonResponse<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;

function describe(status: number, body: unknown, headers: Headers): string {
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    return (
      `KeepUp answered with a redirect (${status}${location ? ` to ${location}` : ""}), ` +
      "not followed so that the API key is not sent elsewhere; check baseUrl."
    );
  }
  const error =
    body !== null && typeof body === "object" && "error" in body && typeof body.error === "string"
      ? `: ${body.error}`
      : "";
  if (status === 401) {
    return `KeepUp rejected the API key (401${error}). Check apiKey or KEEPUP_API_KEY; keys are on the business settings page of the KeepUp app.`;
  }
  if (status === 429) return `KeepUp is rate limiting this account (429${error}). Retry later.`;
  return `KeepUp answered ${status}${error}.`;
}

export function apiError(response: Response, body: unknown, apiKey: string, message?: string): APIError {
  const safeBody = redact(body, apiKey);
  const headers = redactHeaders(response.headers, apiKey);
  const text = redact(message ?? describe(response.status, safeBody, headers), apiKey);
  const ErrorClass =
    response.status === 401 ? AuthenticationError : response.status === 429 ? RateLimitError : APIError;
  return new ErrorClass(text, response.status, safeBody, headers);
}

/**
 * The parsed JSON of a 2xx answer, read as text so that a body that is not JSON becomes an
 * APIError rather than a SyntaxError. `error` is openapi-fetch's parsed error body.
 */
export function jsonBody(
  result: { data?: string | undefined; error?: unknown; response: Response },
  apiKey: string,
): unknown {
  const { response } = result;
  if (!response.ok) throw apiError(response, result.error, apiKey);
  const text = result.data ?? "";
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(
      response,
      text,
      apiKey,
      `KeepUp answered ${response.status} with a body that is not JSON (content-type: ${response.headers.get("content-type") ?? "none"}).`,
    );
  }
}
