// `npm run contract -- --target <base url> [--<path parameter> <value>] [--write <operationId>
//   [--body <json>]] [--junit <file>] [--json <file>] [--timeout-ms <ms>]` (`--help` for usage)
// Drives the package's own client (its source) straight at a server, every client guard in
// force (https or loopback http, no redirects, bounded reads), and checks each answer in-process
// against generated/openapi.json. The verdict comes only from what the target answered, as it
// sent it; everything printed or written is redacted first, with the client's own redactor.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { InputError, KeepupError, createKeepupClient, type OperationId } from "../src/index.js";
import { quoted, redactor } from "../src/redact.js";
import { BodyTooLarge, readBody } from "../src/response.js";
import type { OperationEntry } from "../src/transport.js";
import { violation } from "../src/validate.js";
import { fromInit } from "../src/wire.js";
import { operations as table } from "../generated/operations.js";
import { violationsOf } from "./lib/conformance.js";
import { ajvFor, operationsOf, type Operation } from "./lib/operations.js";
import { writeReports, type ScenarioResult } from "./lib/reports.js";
import { flagOf, idMembers, isRead, pathParameters, scenariosOf, withIds, type Scenario } from "./lib/scenarios.js";
import { compactSchema } from "./lib/schemas.js";
import { root } from "./lib/steps.js";

const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
const ajv = ajvFor(spec);
const validators = { all: ajv, first: ajvFor(spec, { allErrors: false }) };
const operations = operationsOf(spec);
const entries = table as unknown as Record<OperationId, OperationEntry>;
const parameters = [...new Map(operations.flatMap(pathParameters).map((parameter) => [parameter.name, parameter])).values()];
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const USAGE = `usage: npm run contract -- --target <base url> ${parameters.map(({ name }) => `[${flagOf(name)} <id>]`).join(" ")} \
[--write <operationId> [--body <json>]] [--junit <file>] [--json <file>] [--timeout-ms <ms>]`;
const HELP = `${USAGE}

Checks the server at --target against the contract: each operation's documented 401 (probes
without a key and with a wrong one: no body, and an id that names no record), and, with
KEEPUP_API_KEY, the reads (${operations.filter(isRead).map(({ operationId }) => operationId).join(", ")}) once the ids they need are given.
A write (${operations.filter((operation) => !isRead(operation)).map(({ operationId }) => operationId).join(", ")}) runs only when named with --write: it is real and cannot
be undone. It sends --body, or the operation's first example, with the record's id set to the
id given (a --body naming another id is refused).

Exit codes: 0 every scenario that ran conformed; 1 the target broke the contract; 2 nothing
could be checked for a scenario (bad usage or input, no answer, the live key rejected, a
record given not found).`;

/** Nothing could be checked: one line saying why, exit 2. */
class Unusable extends Error {}
function unusable(why: string, { usage = false } = {}): never {
  throw new Unusable(`contract: ${why}${usage ? `. ${USAGE}` : ""}`);
}

interface Io {
  env?: Record<string, string | undefined>;
  /** Each line of the report. */
  out?: (line: string) => void;
  /** Why nothing could be checked. */
  err?: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs the check; resolves to the exit code: 0 all conformed, 1 the target broke the contract, 2 something could not be checked. */
export async function runContract(argv: string[], io: Io = {}): Promise<number> {
  const { env = process.env, out = console.log, err = console.error, signal = new AbortController().signal } = io;
  try {
    return await check(argv, env, out, signal);
  } catch (error) {
    if (!(error instanceof Unusable)) throw error;
    // What was refused may quote an id flag or --body, which may hold the live key.
    err(redactor(env.KEEPUP_API_KEY ? [env.KEEPUP_API_KEY] : []).text(error.message));
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
        help: { type: "boolean", default: false },
        ...Object.fromEntries(parameters.map(({ name }) => [flagOf(name).slice(2), { type: "string" as const }])),
      },
    }).values as unknown as Record<string, string | undefined> & { write: string[]; help: boolean };
  } catch (error) {
    return unusable((error as Error).message, { usage: true });
  }
}

/** The --body, parsed, its ids checked against the ids given, and checked as the client checks it (the same rules, the same words). */
function bodyOf(args: ReturnType<typeof parse>, given: Record<string, string>): unknown {
  if (args.body === undefined) return undefined;
  if (args.write.length !== 1) unusable("--body goes with exactly one --write");
  const operation = operations.find(({ operationId }) => operationId === args.write[0])!;
  if (!operation.requestBody?.schemaRef) unusable(`--body: ${operation.operationId} takes no body`);
  let body: unknown;
  try {
    body = JSON.parse(args.body);
  } catch {
    unusable("--body must be JSON");
  }
  for (const [member, , parameter] of idMembers(spec, operation)) {
    const named = (body as Record<string, unknown>)?.[member];
    if (named !== undefined && String(named) !== given[parameter]) {
      unusable(`--body names ${member} ${JSON.stringify(named)}, not the ${flagOf(parameter)} given (${given[parameter]}): nothing was sent`);
    }
  }
  const path = Object.fromEntries(pathParameters(operation).map(({ name }) => [name, given[name]]));
  try {
    // The live key in --body is refused when the write is sent (the client's rule), not here.
    fromInit(entries[operation.operationId as OperationId], { params: { path }, body: withIds(spec, operation, body, given) }, () => false);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    unusable(`--body: ${error.field} ${error.rule}`); // not what it received: the caller has it, and it may hold the key
  }
  return body;
}

/** Opens each report file for appending, so that an unwritable path is found before anything is sent. */
async function checkWritable(files: (string | undefined)[]): Promise<void> {
  for (const file of files.filter((name) => name !== undefined)) {
    try {
      await (await fs.open(file, "a")).close();
    } catch (error) {
      unusable(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
}

/** What the target answered: its status, headers and body as sent, or why there was no answer. */
interface Seen {
  status: number;
  headers: Headers;
  text?: string;
  unread?: string;
  /** The body was still coming when the check's own timeout (or a stop) ended the call, or was larger than it reads. */
  stopped?: boolean;
  tooLarge?: boolean;
}

async function check(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void, stop: AbortSignal) {
  const args = parse(argv);
  if (args.help) {
    out(HELP);
    return 0;
  }
  const target = args.target ?? unusable("--target is required: the base URL of the server to check", { usage: true });
  const given: Record<string, string> = {};
  for (const parameter of parameters) {
    const value = args[flagOf(parameter.name).slice(2)];
    if (value === undefined) continue;
    const broken = violation(compactSchema(spec, parameter.schema, parameter.name), value);
    if (broken) unusable(`${flagOf(parameter.name)} ${JSON.stringify(value)} ${broken.rule}`);
    given[parameter.name] = value;
  }
  // Each write is real and cannot be undone: one per run, so that none follows another unasked.
  if (args.write.length > 1) unusable(`--write ${args.write.join(", ")}: one write per run`);
  for (const name of args.write) {
    const operation = operations.find(({ operationId }) => operationId === name);
    if (!operation) unusable(`--write ${name}: no such operation (${operations.map(({ operationId }) => operationId).join(", ")})`);
    if (isRead(operation)) unusable(`--write ${name}: a read, which runs without --write`);
    const missing = pathParameters(operation).filter(({ name: parameter }) => !(parameter in given));
    if (missing.length > 0) unusable(`--write ${name} needs ${missing.map(({ name: parameter }) => flagOf(parameter)).join(" and ")}: the record it changes`);
  }
  const body = bodyOf(args, given);
  const timeoutMs = Number(args["timeout-ms"]);
  const liveKey = env.KEEPUP_API_KEY || undefined;
  // A write named is one the run must make, or refuse before anything is sent: never a quiet skip.
  for (const name of args.write) if (liveKey === undefined) unusable(`--write ${name} needs KEEPUP_API_KEY: the live key it is sent with`);
  const wrongKey = `kcc_wrong_${randomBytes(12).toString("hex")}`;
  const redact = redactor([liveKey, wrongKey].filter((key) => key !== undefined));
  const line = (text: string) => quoted(redact.text(text));

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
  await checkWritable([args.junit, args.json]);

  /** Runs one scenario through the client; what the target answered, or why there is no answer. */
  async function answerTo(scenario: Scenario): Promise<Seen | { error: string }> {
    let seen: Seen | undefined;
    const keepup = createKeepupClient({
      apiKey: scenario.credentials === "live" ? liveKey! : wrongKey,
      baseUrl: target,
      timeoutMs,
      maxRetries: 0, // a retry would hide what the target first answered
      maxResponseBytes: MAX_RESPONSE_BYTES,
      logLevel: "off",
      async fetch(url, init) {
        const headers = { ...init.headers };
        if (scenario.credentials === "none") delete headers.authorization;
        if (scenario.probe) delete headers["content-type"];
        const { body: sent, ...rest } = init;
        const response = await fetch(url, { ...rest, headers, ...(!scenario.probe && sent !== undefined && { body: sent }) });
        seen = { status: response.status, headers: response.headers };
        let bytes: Uint8Array;
        try {
          bytes = await readBody({ response, body: response.body, headers: response.headers }, MAX_RESPONSE_BYTES, init.signal);
          seen.text = new TextDecoder().decode(bytes);
        } catch (error) {
          seen.unread = "could not be read";
          // The check's own limits (its timeout, its size limit) are no verdict on the target.
          seen.tooLarge = error instanceof BodyTooLarge;
          seen.stopped = init.signal.aborted || seen.tooLarge;
          throw error;
        }
        // Outside the read: a status no Response can hold (600) throws here, once the body was read whole.
        const empty = response.status < 200 || [204, 205, 304].includes(response.status);
        return new Response(empty ? null : (bytes as Uint8Array<ArrayBuffer>), { status: response.status, headers: response.headers });
      },
    });
    try {
      await keepup.request(scenario.operation.operationId as OperationId, { params: scenario.params as never, body: scenario.body as never }, { signal: stop });
    } catch (error) {
      if (!seen) {
        if (error instanceof InputError) return { error: `not sent: ${error.message}` };
        return { error: error instanceof KeepupError ? `no answer: ${error.message}` : `unexpected ${(error as Error)?.name ?? "error"}` };
      }
    }
    // Stopped by the check's own timeout or size limit, the body was not seen whole: not checked.
    if (seen && (seen.stopped || (seen.text === undefined && seen.unread === undefined))) {
      const fate = writeFate(scenario, seen.status);
      const accepted = fate ? `; ${fate}` : "";
      return { error: `the answer (${seen.status}) began, but its body was not read ${seen.tooLarge ? `whole: it is larger than the check reads (${MAX_RESPONSE_BYTES} bytes)` : `within --timeout-ms (${timeoutMs} ms)`}${accepted}` };
    }
    return seen!;
  }

  /** Why a live scenario could not be checked, from a documented answer that is not the success: the key or an id given. */
  function unusableAnswer(scenario: Scenario, seen: Seen): string | undefined {
    if (scenario.credentials !== "live") return undefined;
    if (seen.status === 401) return "KeepUp rejected the live key (401): check KEEPUP_API_KEY";
    const ids = Object.entries(scenario.params.path).map(([name, value]) => `${name} ${value}`);
    if (seen.status === 404 && ids.length > 0) return `${ids.join(", ")} not found (404): give ${pathParameters(scenario.operation).map(({ name }) => flagOf(name)).join(" and ")} of a record that exists`;
    return undefined;
  }

  const results: ScenarioResult[] = [];
  // Once KeepUp rejects the live key, nothing more is sent with it (a write least of all).
  let keyRejected = false;
  out(line(`Checking ${target} against the contract (${spec.info.title} ${spec.info.version})`));
  for (const scenario of scenariosOf(spec, operations, ajv, { given, writes: args.write, body, hasLiveKey: liveKey !== undefined })) {
    const base = { name: scenario.name, operationId: scenario.operation.operationId, violations: [] };
    const skip = scenario.skip ?? (keyRejected && scenario.credentials === "live" ? "not sent: KeepUp rejected the live key above" : undefined);
    if (skip) {
      results.push({ ...base, outcome: "skip", reason: skip, seconds: 0 });
      out(`SKIP  ${scenario.name}: ${skip}`);
      continue;
    }
    if (scenario.warning) out(`WARNING: ${scenario.warning}.`);
    const started = performance.now();
    const answer = await answerTo(scenario);
    const seconds = (performance.now() - started) / 1000;
    if ("error" in answer) {
      results.push({ ...base, outcome: "error", reason: line(answer.error), seconds });
      out(`ERROR ${scenario.name}: ${line(answer.error)}`);
      continue;
    }
    const violations = conformance(scenario.operation, answer);
    // A 401 to the live key, whatever its body, is the key rejected; a 404 only as documented.
    const reason = violations.length === 0 || answer.status === 401 ? unusableAnswer(scenario, answer) : undefined;
    if (reason) {
      keyRejected ||= answer.status === 401;
      results.push({ ...base, outcome: "error", status: answer.status, reason: line(reason), seconds });
      out(`ERROR ${scenario.name}: ${line(reason)}`);
      continue;
    }
    if (answer.status !== scenario.expect && !(answer.status >= 300 && answer.status < 400)) {
      violations.unshift(`status ${answer.status}: expected ${scenario.expect}`);
    }
    const lines = violations.map(line);
    const fate = lines.length > 0 ? writeFate(scenario, answer.status) : undefined;
    results.push({ ...base, outcome: lines.length ? "fail" : "pass", status: answer.status, violations: lines, seconds, ...(fate && { reason: fate }) });
    out(`${lines.length ? "FAIL" : "PASS"}  ${scenario.name}${fate ? `: ${fate}` : ""}`);
    for (const violation of lines) out(`      - ${violation}`);
  }

  const failed = results.filter(({ outcome }) => outcome === "fail").length;
  const unchecked = results.filter(({ outcome }) => outcome === "error").length;
  const exitCode = failed > 0 ? 1 : unchecked > 0 ? 2 : 0;
  try {
    await writeReports({ junitFile: args.junit, jsonFile: args.json }, { target: line(target), exitCode, results }, redact.text);
  } catch (error) {
    // The verdict is the target's; a report that cannot be written (a full disk) only leaves the run incomplete.
    unusable(`cannot write the reports (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); every scenario ran`);
  }
  const count = (outcome: ScenarioResult["outcome"]) => results.filter((result) => result.outcome === outcome).length;
  const tally = `${count("pass")} passed, ${failed} failed, ${unchecked} not checked, ${count("skip")} skipped`;
  out(
    failed > 0
      ? `${failed} scenario(s) broke the contract (${tally}).`
      : unchecked > 0
        ? `${unchecked} scenario(s) could not be checked (${tally}).`
        : `Contract honoured (${tally}).`,
  );
  return exitCode;
}

/** What a run must say of a write it could not call the documented success: unless KeepUp refused it (a 4xx), it may have been performed. */
function writeFate(scenario: Scenario, status: number): string | undefined {
  if (isRead(scenario.operation) || (status >= 400 && status < 500)) return undefined;
  return `${status >= 200 && status < 300 ? "a write KeepUp accepted" : "a write that may have been performed"}: check the record before running it again`;
}

/** The violations of what the target sent, its body parsed as sent (an own `__proto__` stays an own member). */
function conformance(operation: Operation, seen: Seen): string[] {
  let body: unknown = seen.text;
  try {
    body = seen.text === undefined || seen.text === "" ? undefined : JSON.parse(seen.text);
  } catch {}
  return violationsOf(operation, validators, { status: seen.status, headers: seen.headers, body, unread: seen.unread && `a body ${seen.unread}` }, Buffer.byteLength(seen.text ?? ""));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const stop = new AbortController();
  const halt = (signal: "SIGINT" | "SIGTERM") => {
    stop.abort();
    console.error(`contract: stopped by ${signal}`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => halt(signal));
  // A reader that stops early (`| head -1`) loses the rest of the lines, not the run or its verdict.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  // A supervisor's SIGTERM to `npm run contract` may stop npm without reaching this process:
  // once its parent is gone, it stops too, rather than go on sending requests.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && halt("SIGTERM"), 200).unref();
  process.exit(await runContract(process.argv.slice(2), { signal: stop.signal }));
}
