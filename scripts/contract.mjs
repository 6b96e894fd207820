// `npm run contract -- --target <base url> [--<path parameter> <value>] [--write <operationId>
//   [--body <json>]] [--junit <file>] [--json <file>] [--timeout-ms <ms>]`
// Drives the package's own client straight at a server (every client guard in force: https or
// loopback http, no redirects, key redaction) and checks each answer in-process against
// generated/openapi.json. The verdict comes only from what the target answered.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { staleness } from "./lib/built.mjs";
import { violationsOf } from "./lib/conformance.mjs";
import { ajvFor, operationsOf } from "./lib/operations.mjs";
import { writeReports } from "./lib/reports.mjs";
import { root } from "./lib/steps.mjs";

const USAGE =
  "usage: npm run contract -- --target <base url> [--sale-id <id>] [--write <operationId> [--body <json>]] " +
  "[--junit <file>] [--json <file>] [--timeout-ms <ms>]";

/** Nothing could be checked: one line saying why, exit 2. */
class Unusable extends Error {}
function unusable(why, { usage = false } = {}) {
  throw new Unusable(`contract: ${why}${usage ? `. ${USAGE}` : ""}`);
}

const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
const ajv = ajvFor(spec);
const operations = operationsOf(spec);
const flagOf = (parameter) => parameter.name.replaceAll("_", "-");

/**
 * Runs the check; resolves to the exit code: 0 all conformed, 1 the target broke the contract,
 * 2 nothing could be checked. `out` gets each line of the report, `err` the reason for a 2
 * when nothing could be checked; `signal` stops the run.
 */
export async function runContract(
  argv,
  { env = process.env, out = console.log, err = console.error, signal: stop = new AbortController().signal } = {},
) {
  try {
    return await check(argv, env, out, stop);
  } catch (error) {
    if (!(error instanceof Unusable)) throw error;
    err(error.message);
    return 2;
  }
}

async function check(argv, env, out, stop) {
  const pathParameters = [
    ...new Map(operations.flatMap((operation) => operation.parameters.filter((p) => p.in === "path")).map((p) => [p.name, p])).values(),
  ];

  let args;
  try {
    ({ values: args } = parseArgs({
      args: argv,
      options: {
        target: { type: "string" },
        "timeout-ms": { type: "string", default: "30000" },
        write: { type: "string", multiple: true, default: [] },
        body: { type: "string" },
        junit: { type: "string" },
        json: { type: "string" },
        ...Object.fromEntries(pathParameters.map((parameter) => [flagOf(parameter), { type: "string" }])),
      },
    }));
  } catch (error) {
    unusable(error.message, { usage: true });
  }
  if (!args.target) unusable("--target is required: the base URL of the server to check", { usage: true });
  for (const name of args.write) {
    const operation = operations.find((candidate) => candidate.operationId === name);
    if (!operation) unusable(`--write ${name}: no such operation (${operations.map((o) => o.operationId).join(", ")})`);
    if (operation.method === "GET") unusable(`--write ${name}: a read, which runs without --write`);
  }
  if (args.body !== undefined && args.write.length !== 1) unusable("--body goes with exactly one --write");
  if (args.body !== undefined) {
    const { requestBody } = operations.find((operation) => operation.operationId === args.write[0]);
    let body;
    try {
      body = JSON.parse(args.body);
    } catch {
      unusable("--body must be JSON");
    }
    if (!requestBody?.schemaRef) unusable(`--body: ${args.write[0]} takes no body`);
    if (!ajv.validate(requestBody.schemaRef, body)) unusable(`--body: ${ajv.errorsText()}`);
  }

  /** Each path parameter given on the command line, checked against its schema in the contract. */
  const given = {};
  for (const parameter of pathParameters) {
    const value = args[flagOf(parameter)];
    if (value === undefined) continue;
    if (!ajv.validate(parameter.schema, value)) unusable(`--${flagOf(parameter)} ${JSON.stringify(value)}: ${ajv.errorsText()}`);
    given[parameter.name] = value;
  }
  const liveKey = env.KEEPUP_API_KEY || undefined;
  const wrongKey = `kcc_wrong_${randomBytes(12).toString("hex")}`;
  const secrets = [liveKey, wrongKey].filter((key) => key && key.length >= 8);
  const redact = (text) => secrets.reduce((result, key) => result.replaceAll(key, "[redacted]"), text);

  const problem = staleness("dist/index.js");
  if (problem) unusable(problem);
  const { createKeepupClient, APIError, APIConnectionError, KeepupError } = await import("../dist/index.js");

  // The client's own rules decide whether the target and the key may be used at all.
  for (const apiKey of [wrongKey, liveKey].filter(Boolean)) {
    try {
      createKeepupClient({ apiKey, baseUrl: args.target, timeoutMs: Number(args["timeout-ms"]), fetch: async () => new Response() });
    } catch (error) {
      const flag = { apiKey: "KEEPUP_API_KEY", baseUrl: "--target", timeoutMs: "--timeout-ms" }[error.field] ?? error.field;
      unusable(`${flag} ${error.rule}`);
    }
  }

  /** A value for each path parameter that no real record has: an answer to a probe changes nothing. */
  function probeParams(operation) {
    const pathValues = {};
    for (const parameter of operation.parameters.filter((p) => p.in === "path")) {
      const value = `contract-check-no-such-${flagOf(parameter)}`;
      if (!ajv.validate(parameter.schema, value)) return undefined;
      pathValues[parameter.name] = value;
    }
    return { path: pathValues };
  }

  const defaultBody = (operation) =>
    operation.requestBody?.required ? Object.values(operation.requestBody.examples)[0] : undefined;

  /** The scenarios, from the contract's operations. */
  function scenarios() {
    const list = [];
    for (const operation of operations) {
      const { operationId } = operation;
      const unauthorized = operation.responses.some((response) => response.status === "401");
      const isRead = operation.method === "GET";
      const probe = probeParams(operation);
      if (operation.secured && unauthorized) {
        // A probe must change nothing even on a server that ignored the key: it names a record
        // that does not exist, or it only reads.
        const harmless = isRead || (probe && Object.keys(probe.path).length > 0);
        for (const [credentials, what] of [["none", "without Authorization"], ["wrong", "with a wrong key"]]) {
          list.push({
            name: `${operationId} ${what} gets the documented 401`,
            operation, credentials, expect: 401, params: probe, body: defaultBody(operation),
            skip: harmless ? undefined : "it could create a record if the server ignored the key",
          });
        }
      }
      const success = Number(operation.responses.find((response) => /^2\d\d$/.test(response.status))?.status);
      const pathNames = operation.parameters.filter((p) => p.in === "path").map((p) => p.name);
      const missing = pathNames.filter((name) => !(name in given)).map((name) => `--${name.replaceAll("_", "-")}`);
      const named = args.write.includes(operationId);
      list.push({
        name: `${operationId} with the live key gets the documented ${success}`,
        operation, credentials: "live", expect: success,
        params: { path: Object.fromEntries(pathNames.map((name) => [name, given[name]])) },
        body: named && args.body !== undefined ? JSON.parse(args.body) : (named ? Object.values(operation.requestBody?.examples ?? {})[0] : undefined),
        warning: isRead ? undefined : `${operationId} (${operation.method} ${operation.path}) is real and cannot be undone`,
        skip: !isRead && !named
          ? `a write: give --write ${operationId} to run it`
          : !liveKey
            ? "give KEEPUP_API_KEY to run it"
            : missing.length > 0
              ? `give ${missing.join(" and ")} to run it`
              : undefined,
      });
    }
    return list;
  }


  /** Runs one scenario through the client; its result, from what the target answered. */
  async function run(scenario) {
    let seen;
    const keepup = createKeepupClient({
      apiKey: scenario.credentials === "live" ? liveKey : wrongKey,
      baseUrl: args.target,
      timeoutMs: Number(args["timeout-ms"]),
      maxRetries: 0, // a retry would hide what the target first answered
      async fetch(request) {
        if (scenario.credentials === "none") request.headers.delete("authorization");
        const response = await fetch(request);
        seen = { status: response.status, headers: response.headers };
        return response;
      },
    });
    try {
      const body = await keepup.request(scenario.operation.operationId, {
        params: scenario.params, body: scenario.body, signal: stop.signal,
      });
      return { status: seen.status, headers: seen.headers, body };
    } catch (error) {
      if (error instanceof APIError) {
        const unread = error.body === undefined && error.status !== 204 ? error.message : undefined;
        return { status: error.status, headers: error.headers, body: error.body, unread };
      }
      const reason = error instanceof KeepupError ? error.message : `unexpected ${error?.name ?? "error"}`;
      return { error: error instanceof APIConnectionError ? `no answer: ${reason}` : reason };
    }
  }

  const results = [];
  out(`Checking ${args.target} against the contract (KeepUp Sales API ${spec.info.version})`);
  for (const scenario of scenarios()) {
    const base = { name: scenario.name, operationId: scenario.operation.operationId, violations: [] };
    if (scenario.skip) {
      results.push({ ...base, outcome: "skip", reason: scenario.skip, seconds: 0 });
      out(`SKIP  ${scenario.name}: ${scenario.skip}`);
      continue;
    }
    if (scenario.warning) out(`WARNING: ${scenario.warning}.`);
    const started = performance.now();
    const answer = await run(scenario);
    const seconds = (performance.now() - started) / 1000;
    if (answer.error) {
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

  const failed = results.filter((result) => result.outcome === "fail").length;
  const unchecked = results.filter((result) => result.outcome === "error").length;
  const exitCode = failed > 0 ? 1 : unchecked > 0 ? 2 : 0;
  await writeReports({ junitFile: args.junit, jsonFile: args.json }, { target: args.target, exitCode, results }, redact);
  out(
    failed > 0
      ? `${failed} scenario(s) broke the contract.`
      : unchecked > 0
        ? `${unchecked} scenario(s) could not be checked: the target did not answer.`
        : "Contract honoured.",
  );
  return exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      stop.abort();
      console.error(`contract: stopped by ${signal}`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  process.exit(await runContract(process.argv.slice(2), { signal: stop.signal }));
}
