// Whether one answer of a server conforms to the contract for an operation: its status, its
// content type and its body (Ajv, JSON Schema 2020-12, on the body as the server sent it). Each
// violation is one line, whole: the caller redacts it, then cuts it.
import type { Ajv2020 } from "ajv/dist/2020.js";
import { mediaType } from "../../src/response.js";
import type { Operation, ResponseEntry } from "./operations.js";

/** What a server answered: `body` is the parsed JSON, or the text when it is not JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  /** Why the body could not be read, when it could not. */
  unread?: string | undefined;
}

/** The documented response for `status`, or the operation's `default` (never for a 2xx: a success is only one the contract names, as the client holds). */
function documentedResponse(operation: Operation, status: number): ResponseEntry | undefined {
  return (
    operation.responses.find((response) => response.status === String(status)) ??
    (status >= 200 && status < 300 ? undefined : operation.responses.find((response) => response.status === "default"))
  );
}

/** Violations of one answer listed in full; the rest are counted. */
const LISTED = 20;
/**
 * Ajv keeps every error of an answer in memory (an 8 MiB body of wrong items: millions), so a
 * body larger than this is checked up to its first violation only.
 */
const COUNTED_UP_TO = 1024 * 1024;

/** Ajv with all errors, and one that stops at the first: both resolving operationsOf(spec)'s `schemaRef`s. */
export interface Validators {
  all: Ajv2020;
  first: Ajv2020;
}

/** The violations of `answer` (of `size` bytes), each "where: what". */
export function violationsOf(operation: Operation, validators: Validators, { status, headers, body, unread }: Answer, size: number): string[] {
  if (status >= 300 && status < 400) {
    const location = headers.get("location");
    return [`status ${status}: a redirect${location ? ` to ${location}` : ""}, not followed; the contract documents none`];
  }
  const response = documentedResponse(operation, status);
  if (!response) {
    const documented = operation.responses.map((entry) => entry.status).join(", ");
    return [`status ${status}: not documented for ${operation.operationId} (documented: ${documented})`];
  }
  const type = mediaType(headers);
  if (response.mediaTypes.length > 0 && !response.mediaTypes.includes(type ?? "")) {
    return [`header content-type: ${type ?? "none"}, not ${response.mediaTypes.join(" or ")}`];
  }
  if (unread) return [`body: ${unread}`];
  if (!response.schemaRef) return [];
  if (typeof body === "string") return [`body: not JSON (${body})`];
  const validator = (ajv: Ajv2020) => {
    const validate = ajv.getSchema(response.schemaRef!);
    if (!validate) throw new Error(`no schema ${response.schemaRef}`);
    return validate;
  };
  const first = validator(validators.first);
  if (first(body)) return [];
  const all = size <= COUNTED_UP_TO ? validator(validators.all) : undefined;
  all?.(body);
  const errors = all?.errors ?? first.errors ?? [];
  const lines = errors.slice(0, LISTED).map((error) => `body ${error.instancePath || "/"}: ${error.message}`);
  if (errors.length > LISTED) lines.push(`and ${errors.length - LISTED} more violations of this answer`);
  if (!all) lines.push(`and perhaps more: a body over ${COUNTED_UP_TO} bytes is checked up to its first violation`);
  return lines;
}
