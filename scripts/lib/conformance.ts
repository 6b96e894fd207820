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

/** The violations of `answer`, each "where: what". */
export function violationsOf(operation: Operation, ajv: Ajv2020, { status, headers, body, unread }: Answer): string[] {
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
  const validate = ajv.getSchema(response.schemaRef);
  if (!validate) throw new Error(`no schema ${response.schemaRef}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `body ${error.instancePath || "/"}: ${error.message}`);
}
