// `npm run contract -- --target <base url> [--<path parameter> <value>] [--write <operationId>
//   [--body <json>]] [--junit <file>] [--json <file>] [--timeout-ms <ms>]`
// Drives the package's own client (its source) straight at a server, every client guard in
// force (https or loopback http, no redirects, key redaction), and checks each answer in-process
// against generated/openapi.json. The verdict comes only from what the target answered.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { APIConnectionError, APIError, InputError, KeepupError, createKeepupClient, type OperationId } from "../src/index.js";
import { violationsOf, type Answer } from "./lib/conformance.js";
import { ajvFor, operationsOf } from "./lib/operations.js";
import { writeReports, type ScenarioResult } from "./lib/reports.js";
import { flagOf, isRead, scenariosOf, type Scenario } from "./lib/scenarios.js";
import { root } from "./lib/steps.js";

const USAGE =
  "usage: npm run contract -- --target <base url> [--sale-id <id>] [--write <operationId> [--body <json>]] " +
  "[--junit <file>] [--json <file>] [--timeout-ms <ms>]";

/** Nothing could be checked: one line saying why, exit 2. */
class Unusable extends Error {}
function unusable(why: string, { usage = false } = {}): never {
  throw new Unusable(`contract: ${why}${usage ? `. ${USAGE}` : ""}`);
}

const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
const ajv = ajvFor(spec);
const operations = operationsOf(spec);
const pathParameters = [
  ...new Map(operations.flatMap(({ parameters }) => parameters.filter((p) => p.in === "path")).map((p) => [p.name, p])).values(),
];

interface Io {
  env?: Record<string, string | undefined>;
  /** Each line of the report. */
  out?: (line: string) => void;
  /** Why nothing could be checked. */
  err?: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs the check; resolves to the exit code: 0 all conformed, 1 the target broke the contract, 2 nothing could be checked. */
export async function runContract(argv: string[], io: Io = {}): Promise<number> {
  const { env = process.env, out = console.log, err = console.error, signal = new AbortController().signal } = io;
  try {
    return await check(argv, env, out, signal);
  } catch (error) {
    if (!(error instanceof Unusable)) throw error;
    err(error.message);
    return 2;
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        target: { type: "string" },
        "timeout-ms": { type: "string", default: "30000" },
        write: { type: "string", multiple: true, default: [] },
        body: { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        ...Object.fromEntries(pathParameters.map(({ name }) => [flagOf(name).slice(2), { type: "string" as const }])),
      },
    }).values as unknown as Record<string, string | undefined> & { write: string[] };
  } catch (error) {
    return unusable((error as Error).message, { usage: true });
  }
}

/** The --body, parsed and checked against the request schema of the one --write. */
function bodyOf(args: ReturnType<typeof parse>): unknown {
  if (args.body === undefined) return undefined;
  if (args.write.length !== 1) unusable("--body goes with exactly one --write");
  const requestBody = operations.find(({ operationId }) => operationId === args.write[0])?.requestBody;
  if (!requestBody?.schemaRef) unusable(`--body: ${args.write[0]} takes no body`);
  let body: unknown;
  try {
    body = JSON.parse(args.body);
  } catch {
    unusable("--body must be JSON");
  }
  if (!ajv.validate(requestBody.schemaRef, body)) unusable(`--body: ${ajv.errorsText()}`);
  return body;
}

async function check(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void, stop: AbortSignal) {
  const args = parse(argv);
  const target = args.target ?? unusable("--target is required: the base URL of the server to check", { usage: true });
  for (const name of args.write) {
    const operation = operations.find(({ operationId }) => operationId === name);
    if (!operation) unusable(`--write ${name}: no such operation (${operations.map(({ operationId }) => operationId).join(", ")})`);
    if (isRead(operation)) unusable(`--write ${name}: a read, which runs without --write`);
  }
  const body = bodyOf(args);
  const given: Record<string, string> = {};
  for (const parameter of pathParameters) {
    const value = args[flagOf(parameter.name).slice(2)];
    if (value === undefined) continue;
    if (!ajv.validate(parameter.schema, value)) unusable(`${flagOf(parameter.name)} ${JSON.stringify(value)}: ${ajv.errorsText()}`);
    given[parameter.name] = value;
  }
  const timeoutMs = Number(args["timeout-ms"]);
  const liveKey = env.KEEPUP_API_KEY || undefined;
  const wrongKey = `kcc_wrong_${randomBytes(12).toString("hex")}`;
  const secrets = [liveKey, wrongKey].filter((key): key is string => key !== undefined && key.length >= 8);
  const redact = (text: string) => secrets.reduce((result, key) => result.replaceAll(key, "[redacted]"), text);

  // The client's own rules decide whether the target, the key and the timeout may be used at all.
  for (const apiKey of [wrongKey, liveKey].filter((key) => key !== undefined)) {
    try {
      createKeepupClient({ apiKey, baseUrl: target, timeoutMs, fetch: async () => new Response() });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const flag = { apiKey: "KEEPUP_API_KEY", baseUrl: "--target", timeoutMs: "--timeout-ms" }[error.field] ?? error.field;
      unusable(`${flag} ${error.rule}`);
    }
  }

  /** Runs one scenario through the client; what the target answered, or why there is no answer. */
  async function answerTo(scenario: Scenario): Promise<Answer | { error: string }> {
    let seen: { status: number; headers: Headers } | undefined;
    const keepup = createKeepupClient({
      apiKey: scenario.credentials === "live" ? liveKey! : wrongKey,
      baseUrl: target,
      timeoutMs,
      maxRetries: 0, // a retry would hide what the target first answered
      async fetch(request) {
        if (scenario.credentials === "none") request.headers.delete("authorization");
        const response = await fetch(request);
        seen = { status: response.status, headers: response.headers };
        return response;
      },
    });
    try {
      const body = await keepup.request(scenario.operation.operationId as OperationId, {
        params: scenario.params as never, body: scenario.body as never, signal: stop,
      });
      return { status: seen!.status, headers: seen!.headers, body };
    } catch (error) {
      if (error instanceof APIError) {
        const unread = error.body === undefined && error.status !== 204 ? error.message : undefined;
        return { status: error.status, headers: error.headers, body: error.body, unread };
      }
      const reason = error instanceof KeepupError ? error.message : `unexpected ${(error as Error)?.name ?? "error"}`;
      return { error: error instanceof APIConnectionError ? `no answer: ${reason}` : reason };
    }
  }

  const results: ScenarioResult[] = [];
  out(`Checking ${target} against the contract (${spec.info.title} ${spec.info.version})`);
  for (const scenario of scenariosOf(operations, ajv, { given, writes: args.write, body, hasLiveKey: liveKey !== undefined })) {
    const base = { name: scenario.name, operationId: scenario.operation.operationId, violations: [] };
    if (scenario.skip) {
      results.push({ ...base, outcome: "skip", reason: scenario.skip, seconds: 0 });
      out(`SKIP  ${scenario.name}: ${scenario.skip}`);
      continue;
    }
    if (scenario.warning) out(`WARNING: ${scenario.warning}.`);
    const started = performance.now();
    const answer = await answerTo(scenario);
    const seconds = (performance.now() - started) / 1000;
    if ("error" in answer) {
      results.push({ ...base, outcome: "error", reason: answer.error, seconds });
      out(redact(`ERROR ${scenario.name}: ${answer.error}`));
      continue;
    }
    const violations = violationsOf(scenario.operation, ajv, answer);
    if (answer.status !== scenario.expect && !(answer.status >= 300 && answer.status < 400)) {
      violations.unshift(`status ${answer.status}: expected ${scenario.expect}`);
    }
    results.push({ ...base, outcome: violations.length ? "fail" : "pass", status: answer.status, violations, seconds });
    out(redact(`${violations.length ? "FAIL" : "PASS"}  ${scenario.name}`));
    for (const violation of violations) out(redact(`      - ${violation}`));
  }

  const failed = results.filter(({ outcome }) => outcome === "fail").length;
  const unchecked = results.filter(({ outcome }) => outcome === "error").length;
  const exitCode = failed > 0 ? 1 : unchecked > 0 ? 2 : 0;
  await writeReports({ junitFile: args.junit, jsonFile: args.json }, { target, exitCode, results }, redact);
  out(
    failed > 0
      ? `${failed} scenario(s) broke the contract.`
      : unchecked > 0
        ? `${unchecked} scenario(s) could not be checked: the target did not answer.`
        : "Contract honoured.",
  );
  return exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stop.abort();
      console.error(`contract: stopped by ${signal}`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  process.exit(await runContract(process.argv.slice(2), { signal: stop.signal }));
}
