// The scenarios of `npm run contract`, from the contract's operations: for each operation that
// documents a 401, the request without a key and with a wrong one; and the request with the
// live key, which runs for a read once its path parameters are given, and for a write only when
// it is named with --write.
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { Operation } from "./operations.js";

export type Credentials = "none" | "wrong" | "live";

export interface Scenario {
  name: string;
  operation: Operation;
  credentials: Credentials;
  /** The status the contract says this request gets. */
  expect: number;
  params: { path: Record<string, string>; query?: Record<string, unknown> };
  body: unknown;
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
const pathParameters = (operation: Operation) => operation.parameters.filter((parameter) => parameter.in === "path");

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

export function scenariosOf(operations: Operation[], ajv: Ajv2020, input: ScenarioInput): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const operation of operations) {
    const { operationId } = operation;
    const probe = probeParams(operation, ajv);
    if (operation.secured && operation.responses.some(({ status }) => status === "401")) {
      // A probe must change nothing even on a server that ignored the key: it only reads, or it
      // names a record that does not exist.
      const harmless = isRead(operation) || (probe !== undefined && Object.keys(probe).length > 0);
      const body = operation.requestBody?.required ? firstExample(operation) : undefined;
      for (const [credentials, what] of [["none", "without Authorization"], ["wrong", "with a wrong key"]] as const) {
        scenarios.push({
          name: `${operationId} ${what} gets the documented 401`,
          operation, credentials, expect: 401, params: { path: probe ?? {} }, body,
          skip: harmless ? undefined : "it could create a record if the server ignored the key",
        });
      }
    }
    const success = Number(operation.responses.find(({ status }) => /^2\d\d$/.test(status))?.status);
    const missing = pathParameters(operation).filter(({ name }) => !(name in input.given)).map(({ name }) => flagOf(name));
    const named = input.writes.includes(operationId);
    scenarios.push({
      name: `${operationId} with the live key gets the documented ${success}`,
      operation, credentials: "live", expect: success,
      params: {
        path: Object.fromEntries(pathParameters(operation).map(({ name }) => [name, input.given[name] ?? ""])),
        // A read asks for what the defaults name (List Sales: page 1).
        query: Object.fromEntries(
          operation.parameters.filter((p) => p.in === "query" && p.schema?.default !== undefined).map((p) => [p.name, p.schema.default]),
        ),
      },
      body: named ? (input.body ?? firstExample(operation)) : undefined,
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
