// The scenarios of `npm run contract`, from the contract's operations: for each operation that
// documents a 401, the request without a key and with a wrong one (probes: no body, and an id
// that names no record); and the request with the live key, which runs for a read once its path
// parameters are given, and for a write only when it is named with --write.
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { Schema } from "../../src/validate.js";
import { asMember } from "../../src/wire.js";
import type { Json, Operation } from "./operations.js";
import { compactSchema, resolved } from "./schemas.js";

export type Credentials = "none" | "wrong" | "live";

export interface Scenario {
  name: string;
  operation: Operation;
  credentials: Credentials;
  /** The status the contract says this request gets. */
  expect: number;
  params: { path: Record<string, string>; query?: Record<string, unknown> };
  /** What the client is given; a probe's body is never sent. */
  body: unknown;
  /** A probe sends no body, whatever the operation takes. */
  probe: boolean;
  /** Said before a scenario that changes data for real. */
  warning?: string | undefined;
  /** Why it does not run. */
  skip?: string | undefined;
}

export interface ScenarioInput {
  /** Path parameters given on the command line, by name. */
  given: Record<string, string>;
  /** The writes named with --write, and the --body for the one named. */
  writes: string[];
  body: unknown;
  hasLiveKey: boolean;
}

export const flagOf = (parameterName: string) => `--${parameterName.replaceAll("_", "-")}`;
export const isRead = (operation: Operation) => operation.method === "GET";
export const pathParameters = (operation: Operation) => operation.parameters.filter((parameter) => parameter.in === "path");
const successOf = (operation: Operation) => Number(operation.responses.find(({ status }) => /^2\d\d$/.test(status))?.status);

/** The body members that repeat a path parameter (`x-client-from-path`): name, schema and parameter. */
export function idMembers(spec: Json, operation: Operation): [member: string, schema: Schema, parameter: string][] {
  const body = operation.requestBody?.schema ? resolved(spec, operation.requestBody.schema) : undefined;
  if (typeof body !== "object") return [];
  return Object.entries<unknown>(body.properties ?? {}).flatMap(([name, property]) => {
    const member = compactSchema(spec, property, name);
    return typeof member === "object" && typeof member["x-client-from-path"] === "string" ? [[name, member as Schema, member["x-client-from-path"]]] : [];
  });
}

/** `body` with each member that repeats a path parameter set to that parameter's value, as the client would send it. */
export function withIds(spec: Json, operation: Operation, body: unknown, path: Record<string, string>): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const ids = idMembers(spec, operation).map(([member, schema, parameter]) => [member, asMember(schema, path[parameter])]);
  return { ...body, ...Object.fromEntries(ids) };
}

/** A value for each path parameter that no real record has, or undefined when the schema allows none. */
function probeParams(operation: Operation, ajv: Ajv2020): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const parameter of pathParameters(operation)) {
    const value = `contract-check-no-such-${parameter.name.replaceAll("_", "-")}`;
    if (!ajv.validate(parameter.schema, value)) return undefined;
    values[parameter.name] = value;
  }
  return values;
}

const firstExample = (operation: Operation) => Object.values(operation.requestBody?.examples ?? {})[0];

export function scenariosOf(spec: Json, operations: Operation[], ajv: Ajv2020, input: ScenarioInput): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const operation of operations) {
    const { operationId } = operation;
    if (operation.secured && operation.responses.some(({ status }) => status === "401")) {
      const probe = probeParams(operation, ajv);
      // A probe must change nothing even on a server that ignored the key: it sends no body, and
      // it only reads, or names a record that does not exist.
      const skip = !isRead(operation) && pathParameters(operation).length === 0
        ? "it names no record, so it could create one if the server ignored the key"
        : probe === undefined
          ? "the contract allows no id that names no record"
          : undefined;
      const path = probe ?? {};
      for (const [credentials, what] of [["none", "without Authorization"], ["wrong", "with a wrong key"]] as const) {
        scenarios.push({
          name: `${operationId} ${what} gets the documented 401`,
          operation, credentials, expect: 401, params: { path }, probe: true, skip,
          // Given to the client to pass its checks; the probe sends none of it.
          body: withIds(spec, operation, firstExample(operation), path),
        });
      }
    }
    const missing = pathParameters(operation).filter(({ name }) => !(name in input.given)).map(({ name }) => flagOf(name));
    const named = input.writes.includes(operationId);
    const path = Object.fromEntries(pathParameters(operation).map(({ name }) => [name, input.given[name] ?? ""]));
    scenarios.push({
      name: `${operationId} with the live key gets the documented ${successOf(operation)}`,
      operation, credentials: "live", expect: successOf(operation), probe: false,
      params: {
        path,
        // A read asks for what the contract's x-contract-check-query names (a list: its first page).
        query: operation.checkQuery,
      },
      body: named ? withIds(spec, operation, input.body ?? firstExample(operation), path) : undefined,
      warning: isRead(operation) ? undefined : `${operationId} (${operation.method} ${operation.path}) is real and cannot be undone`,
      skip: !isRead(operation) && !named
        ? `a write: give --write ${operationId} to run it`
        : !input.hasLiveKey
          ? "give KEEPUP_API_KEY to run it"
          : missing.length > 0
            ? `give ${missing.join(" and ")} to run it`
            : undefined,
    });
  }
  return scenarios;
}
