// `npm run contract` against the stand-in target of test/reference-server.ts: a pass only for a
// conforming server, the violation named for each deviation, exit 2 when something could not be
// checked, probes and writes that touch only what they name, every check made before anything
// is sent, and never a key in any form in what it prints or writes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runContract } from "../scripts/contract.js";
import { DEVIATIONS, VALID_KEY, startReferenceServer, type ReferenceServer } from "./reference-server.js";
import spec from "../generated/openapi.json" with { type: "json" };
import { resolved } from "../scripts/lib/schemas.js";
import { expectNoKeyIn, operations, runScript, type Run } from "./helpers.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-contract-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs the check in-process (a process per case would cost more than the check itself). */
async function contract(args: string[], env: Record<string, string | undefined> = { KEEPUP_API_KEY: VALID_KEY }): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runContract(args, { env, out: (line: string) => stdout.push(line), err: (line: string) => stderr.push(line) });
  return { code, signal: null, stdout: stdout.map((line) => `${line}\n`).join(""), stderr: stderr.map((line) => `${line}\n`).join("") };
}

async function against(deviation: keyof typeof DEVIATIONS | undefined, args: string[] = ["--sale-id", "1024", "--write", "cancelSale"], env?: Record<string, string | undefined>) {
  const server = await startReferenceServer(deviation ? { deviation } : {});
  try {
    // The server answers at once; the timeout only bounds a broken check, with room for a loaded
    // machine (the checks of this file share one event loop, held a second at a time, measured busy).
    return { ...(await contract(["--target", server.url, "--timeout-ms", "30000", ...args], env)), seen: server.seen };
  } finally {
    await server.close();
  }
}

/** Nothing could be checked: exit 2 and one line on stderr saying why, no stack trace. */
function expectUnusable(run: Run, why: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).not.toMatch(/PASS|FAIL/);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(why);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** The probes a run sends: two per operation that documents a 401, but a write that names no record. */
const probed = operations.filter(({ method, parameters }) => method === "GET" || parameters.some((parameter) => parameter.in === "path"));

describe.concurrent("npm run contract", () => {
  it("passes against a conforming server, the named write included, with its warning", async () => {
    const { code, stdout } = await against(undefined);
    expect(stdout).toMatch(/^PASS {2}cancelSale without Authorization gets the documented 401$/m);
    expect(stdout).toMatch(/^PASS {2}cancelSale with a wrong key gets the documented 401$/m);
    expect(stdout).toMatch(/^WARNING: cancelSale \(PUT \/sales\/cancel\/\{sale_id\}\) is real/m);
    expect(stdout).toMatch(/^PASS {2}cancelSale with the live key gets the documented 200$/m);
    expect(stdout).toMatch(/Contract honoured/);
    expect(code).toBe(0);
  });

  it("never runs a write that was not named, --sale-id or not", async () => {
    const { code, stdout, seen } = await against(undefined, ["--sale-id", "1024"]);
    expect(stdout).toMatch(/^SKIP {2}cancelSale with the live key .*give --write cancelSale to run it$/m);
    expect(stdout).not.toMatch(/WARNING/);
    // The reads that run: those whose path names no record, or names a sale (--sale-id is given).
    const reads = operations.filter(({ method, parameters }) => method === "GET" && parameters.every((parameter) => parameter.in !== "path" || parameter.name === "sale_id")).length;
    expect(seen.requests).toBe(2 * probed.length + reads);
    expect(seen.log.filter(({ method }) => method !== "GET").every(({ url }) => url.includes("contract-check-no-such-"))).toBe(true);
    expect(code).toBe(0);
  });

  it("sends no body in a probe, and nothing naming a record, even to a server that ignores the key", async () => {
    const { seen } = await against("accepts-any-key", ["--sale-id", "1024"]);
    expect(seen.log.length).toBeGreaterThan(0);
    for (const request of seen.log) expect(request.body, `${request.method} ${request.url}`).toBe("");
    expect(seen.log.filter(({ url }) => url.includes("1024")).map(({ method }) => method)).toEqual(expect.arrayContaining(["GET"]));
    expect(seen.log.filter(({ url }) => url.includes("1024")).every(({ method }) => method === "GET")).toBe(true);
  });

  it("--write editSale --sale-id 5555 sends only bodies whose sale_id is 5555, to 5555's path", async () => {
    const { code, seen } = await against("accepts-any-key", ["--sale-id", "5555", "--write", "editSale"]);
    const bodies = seen.log.filter(({ body }) => body !== "");
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.url).toBe("/v2.0/sales/edit/5555");
    expect(JSON.parse(bodies[0]!.body).sale_id).toBe(5555);
    expect(code).toBe(1); // the server took the probes: their documented 401 did not come
  });

  it.each([
    ["a --body naming another sale", ["--sale-id", "5555", "--write", "editSale", "--body", '{"sale_id":1024,"items":"[]"}'], /--body names sale_id 1024, not the --sale-id given \(5555\)/],
    ["a write without the id it needs", ["--write", "cancelSale"], /--write cancelSale needs --sale-id/],
    ["a report that cannot be written", ["--junit", "/nonexistent-dir/report.xml"], /cannot write \/nonexistent-dir\/report\.xml \(ENOENT\)/],
    ["an unknown option", ["--sale", "1"], /Unknown option '--sale'/],
  ])("refuses %s before sending anything: exit 2, one line", async (_, args, why) => {
    const run = await against(undefined, args);
    expectUnusable(run, why);
    expect(run.seen.requests).toBe(0);
  });

  it("exits 2, one line, when a report cannot be written after the run (a full disk): never 1, which blames the target", async () => {
    const run = await against(undefined, ["--sale-id", "1024", "--junit", "/dev/full"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/cannot write the reports \(ENOSPC\); every scenario ran/)]);
    expect(run.stdout).toMatch(/^PASS/m);
  });

  it("prints its usage for --help, exit 0", async () => {
    const { code, stdout, stderr } = await contract(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run contract -- --target <base url> \[--sale-id <id>\]/);
    expect(stdout).toMatch(/Exit codes: 0 .* 1 .* 2 /s);
    expect(stderr).toBe("");
  });

  it.each([
    ["wrong-constant", /body \/data\/status: must be string,null/],
    ["status-as-string", /body \/status: must be number,null/],
    ["missing-message", /body \/: must have required property 'message'/],
    ["html-error", /header content-type: text\/html, not application\/json/],
    ["undocumented-status", /status 403: expected 401/],
    ["accepts-any-key", /status 200: expected 401/],
    ["not-implemented", /status 501: expected 200/],
    ["proto-401", /body \/: must have required property 'status'/],
  ] as const)("fails on %s, naming the violation", async (deviation, violation) => {
    const { code, stdout } = await against(deviation);
    expect(stdout).toMatch(/^FAIL /m);
    expect(stdout).toMatch(violation);
    expect(code).toBe(1);
  });

  it("fails on a redirect, without following it", async () => {
    const { code, stdout, seen } = await against("redirect");
    expect(stdout).toMatch(/status 307: a redirect to \/elsewhere, not followed/);
    expect(seen.elsewhere).toBe(0);
    expect(code).toBe(1);
  });

  it("says in one line that a record given was not found (404): exit 2, not a broken contract", async () => {
    const { code, stdout } = await against("not-found", ["--sale-id", "1024"]);
    expect(stdout).toMatch(/^ERROR fetchSale with the live key gets the documented 200: sale_id 1024 not found \(404\): give --sale-id of a record that exists$/m);
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(code).toBe(2);
  });

  it("ignores what the target says about itself (sl-violations)", async () => {
    const { code, stdout } = await against("sl-violations");
    expect(stdout).not.toMatch(/forged/);
    expect(stdout).not.toContain(VALID_KEY);
    expect(code).toBe(0);
  });

  it("keeps every key, in every form, out of its output and its reports, even when the target echoes them", async () => {
    const junit = path.join(scratch, "echo.xml");
    const json = path.join(scratch, "echo.json");
    const { code, stdout, stderr, seen } = await against("echo-key-forms", ["--sale-id", "1024", "--write", "cancelSale", "--junit", junit, "--json", json]);
    expect(code).toBe(1);
    const wrongKey = seen.log.map(({ authorization }) => authorization?.slice("Bearer ".length)).find((key) => key?.startsWith("kcc_wrong_"))!;
    const reports = [fs.readFileSync(junit, "utf8"), fs.readFileSync(json, "utf8")];
    // What an XML or JSON parser reads back, too.
    const parsed = [JSON.stringify(new XMLParser({ ignoreAttributes: false }).parse(reports[0]!)), JSON.stringify(JSON.parse(reports[1]!))];
    for (const key of [VALID_KEY, wrongKey]) expectNoKeyIn([stdout, stderr, ...reports, ...parsed], key);
    expect(stdout).toMatch(/\[redacted\]/);
  });

  it("writes a valid JUnit report and the same as JSON", async () => {
    const junit = path.join(scratch, "report.xml");
    const json = path.join(scratch, "report.json");
    const { code } = await against("wrong-constant", ["--sale-id", "1024", "--write", "cancelSale", "--junit", junit, "--json", json]);
    expect(code).toBe(1);
    const xml = fs.readFileSync(junit, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    // Per operation: the two 401 probes (skipped for a write that names no record: it could
    // create one) and the live call: a read runs, a write only when named.
    // wrong-constant breaks data.status of each success: a live call fails where the contract types it.
    const typesDataStatus = ({ responses }: (typeof operations)[number]) => {
      const success = resolved(spec, responses.find(({ status }) => status === "200")!.schema) as Record<string, any>;
      return (resolved(spec, success.properties?.data) as Record<string, any>)?.properties?.status !== undefined;
    };
    const outcomes = operations.flatMap((operation) => {
      const { operationId, method, parameters } = operation;
      const probe = probed.some((candidate) => candidate.operationId === operationId) ? "pass" : "skip";
      const runs = operationId === "cancelSale" || (method === "GET" && parameters.every((parameter) => parameter.in !== "path" || parameter.name === "sale_id"));
      const live = !runs ? "skip" : typesDataStatus(operation) ? "fail" : "pass";
      return [probe, probe, live].map((outcome) => `${operationId} ${outcome}`);
    });
    const skipped = outcomes.filter((outcome) => outcome.endsWith("skip")).length;
    const failures = outcomes.filter((outcome) => outcome.endsWith("fail")).length;
    expect(xml.match(/<testcase /g)).toHaveLength(outcomes.length);
    expect(xml.match(/<testsuite [^>]*>/)![0]).toMatch(new RegExp(`tests="${outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}"`));
    // The write KeepUp accepted says so first: it must not be run again before its record is checked.
    expect(xml).toMatch(/<failure message="a write KeepUp accepted: check the record before running it again: body \/data\/status: must be string,null">/);
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    expect(report.exitCode).toBe(1);
    expect(report.results.map((result: { operationId: string; outcome: string }) => `${result.operationId} ${result.outcome}`)).toEqual(outcomes);
  });

  it("exits 2 when the target drops every connection", async () => {
    const { code, stdout } = await against("drop-connection");
    expect(stdout).toMatch(/^ERROR cancelSale .*no answer/m);
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(code).toBe(2);
  });

  // The body stalls after the headers; the timeout is long enough that the headers are read before
  // it ends, even while this file's other checks hold the event loop (over a second, measured busy).
  const SLOW_BODY_TIMEOUT_MS = "5000";

  it("exits 2, not 1, when its own --timeout-ms ends a body still coming: no verdict on the target", async () => {
    const { code, stdout } = await against("slow-body", ["--sale-id", "1024", "--timeout-ms", SLOW_BODY_TIMEOUT_MS]);
    expect(stdout).toMatch(/^ERROR listSales with the live key .*the answer \(200\) began, but its body was not read within --timeout-ms \(5000 ms\)$/m);
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(code).toBe(2);
  });

  it("exits 2, not 1, for the same with a content-length, and says a write KeepUp accepted must not run again", async () => {
    const { code, stdout } = await against("slow-body-length", ["--sale-id", "1024", "--timeout-ms", SLOW_BODY_TIMEOUT_MS, "--write", "cancelSale"]);
    expect(stdout).toMatch(/^ERROR cancelSale with the live key .*not read within --timeout-ms \(5000 ms\); a write KeepUp accepted: check the record before running it again/m);
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(code).toBe(2);
  });

  it("sends nothing more with a live key answered by a 401 of any body, a --write least of all", async () => {
    const { code, stdout, seen } = await against("html-401-to-the-live-key", ["--sale-id", "1024", "--write", "cancelSale"]);
    expect(stdout.match(/^ERROR .*$/gm)).toEqual(["ERROR listSales with the live key gets the documented 200: KeepUp rejected the live key (401): check KEEPUP_API_KEY"]);
    expect(seen.log.filter((request) => request.authorization === `Bearer ${VALID_KEY}`)).toHaveLength(1);
    expect(code).toBe(2);
  });

  it("says a write answered with a 5xx may have been performed, so its record is checked before it runs again", async () => {
    const { code, stdout } = await against("write-502", ["--sale-id", "1024", "--write", "cancelSale"]);
    expect(stdout).toMatch(/^FAIL {2}cancelSale with the live key gets the documented 200: a write that may have been performed: check the record before running it again$/m);
    expect(code).toBe(1);
  });

  it("takes a status outside HTTP's classes as the target's answer, its body read whole", async () => {
    const { code, stdout } = await against("status-600", ["--sale-id", "1024"]);
    expect(stdout).toMatch(/^FAIL {2}listSales without Authorization gets the documented 401\n {6}- status 600: expected 401\n(?! {6}-)/m);
    expect(code).toBe(1);
  });

  it("lists a bounded number of violations of one answer, and says how many more there are", async () => {
    const junit = path.join(scratch, "many.xml");
    const { code, stdout } = await against("many-violations", ["--junit", junit]);
    expect(code).toBe(1);
    const listed = stdout.split("\n").filter((line) => line.startsWith("      - "));
    expect(listed.length).toBeLessThan(100);
    expect(stdout).toMatch(/^ {6}- and 29980 more violations of this answer$/m);
    expect(fs.statSync(junit).size).toBeLessThan(1024 * 1024);
  }, 120_000);

  it("says a write KeepUp accepted must not run again when its success's body is cut", async () => {
    const { code, stdout } = await against("truncated-success", ["--sale-id", "1024", "--write", "cancelSale"]);
    expect(stdout).toMatch(/^FAIL {2}cancelSale with the live key gets the documented 200: a write KeepUp accepted: check the record before running it again\n {6}- body: a body could not be read$/m);
    expect(code).toBe(1);
  });

  it.each(["endless-401", "large-success"] as const)("exits 2, not 1, for a body larger than it reads (%s): its own limit is no verdict", async (deviation) => {
    const { code, stdout } = await against(deviation, ["--sale-id", "1024"]);
    expect(stdout).toMatch(/^ERROR .*not read whole: it is larger than the check reads \(8388608 bytes\)/m);
    expect(stdout).not.toMatch(/^FAIL/m);
    expect(code).toBe(2);
  });

  it("never prints the live key from a refused --body", async () => {
    const run = await against(undefined, ["--sale-id", "5555", "--write", "editSale", "--body", JSON.stringify({ sale_id: VALID_KEY, items: "[]" })]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--body names sale_id "\[redacted\]"/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(VALID_KEY);
  });

  it.each([
    ["no --target", [], {}, /--target is required/],
    ["a data: target", ["--target", "data:,hello"], {}, /--target must be an absolute https URL/],
    ["clear-text http to another host", ["--target", "http://example.com/v2.0"], {}, /--target .*clear text/],
    ["a key with a space", ["--target", "https://example.com"], { KEEPUP_API_KEY: "bad key here" }, /KEEPUP_API_KEY must be printable ASCII/],
    ["an invalid --sale-id", ["--target", "https://example.com", "--sale-id", "a/b"], {}, /--sale-id "a\/b" must be integer from 1 .*, or a string of ASCII letters and digits/],
    ["an unknown --write", ["--target", "https://example.com", "--write", "dropTables"], {}, /--write dropTables: no such operation/],
    ["a --body that breaks the request schema", ["--target", "https://example.com", "--sale-id", "1", "--write", "cancelSale", "--body", '{"alert_customer":"maybe"}'], {}, /--body: body\.alert_customer must be one of "yes", "no"/],
    ["a --body whose JSON-encoded items are not JSON", ["--target", "https://example.com", "--write", "addSale", "--body", '{"items":"not json"}'], {}, /--body: body\.items must be a string holding JSON/],
    ["a --body with an unknown field", ["--target", "https://example.com", "--sale-id", "1", "--write", "cancelSale", "--body", '{"alertCustomer":"no"}'], {}, /--body: body\.alertCustomer is not a documented field/],
    ["two writes", ["--target", "https://example.com", "--sale-id", "1", "--write", "cancelSale", "--write", "refundSale"], {}, /one write per run/],
    ["a --write without the live key", ["--target", "https://example.com", "--sale-id", "1", "--write", "cancelSale"], { KEEPUP_API_KEY: undefined }, /--write cancelSale needs KEEPUP_API_KEY/],
  ])("exits 2 on %s, with one line saying why", async (_, args, env, why) => {
    expectUnusable(await contract(args, { KEEPUP_API_KEY: VALID_KEY, ...env }), why);
  });

  it("passes against the project's own mock with its key, and says in one line that another key was rejected", async () => {
    const target = ["--target", inject("mockUrl"), "--sale-id", "46099"];
    const own = await contract(target, { KEEPUP_API_KEY: inject("mockApiKey") });
    expect(own.stdout).toMatch(/Contract honoured/);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^PASS {2}listSales with the live key gets the documented 200$/m);
    expect(own.stdout).toMatch(/^PASS {2}fetchSale with the live key gets the documented 200$/m);
    const other = await contract([...target, "--write", "cancelSale"], { KEEPUP_API_KEY: "another-key-123" });
    expect(other.stdout.match(/^ERROR .*$/gm)).toEqual(["ERROR listSales with the live key gets the documented 200: KeepUp rejected the live key (401): check KEEPUP_API_KEY"]);
    // Nothing more is sent with a rejected key, the write least of all.
    for (const skipped of ["fetchSale with the live key", "cancelSale with the live key"]) {
      expect(other.stdout).toMatch(new RegExp(`^SKIP {2}${skipped}.*: not sent: KeepUp rejected the live key above$`, "m"));
    }
    expect(other.stdout).not.toMatch(/^FAIL/m);
    expect(other.code).toBe(2);
  });

  it("runs as a command, printing to stdout and exiting with the verdict", async () => {
    const server = await startReferenceServer({ deviation: "wrong-constant" });
    try {
      const run = await runScript(["contract.ts", "--target", server.url, "--sale-id", "1", "--write", "cancelSale"], { KEEPUP_API_KEY: VALID_KEY });
      expect(run.stdout).toMatch(/^FAIL {2}cancelSale with the live key/m);
      expect(run.code).toBe(1);
      const unusable = await runScript(["contract.ts"]);
      expect(unusable.stderr).toMatch(/^contract: --target is required/);
      expect(unusable.code).toBe(2);
    } finally {
      await server.close();
    }
  });
});

/** Whether any process's command line holds `marker`. */
function running(marker: string): boolean {
  return fs.readdirSync("/proc").some((pid) => {
    try {
      return /^\d+$/.test(pid) && Number(pid) !== process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
    } catch {
      return false;
    }
  });
}

/** Waits for `condition`, failing with `what` past the deadline. */
async function until(condition: () => boolean, what: string, deadlineMs = 30_000) {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > deadlineMs) throw new Error(`${what} did not happen within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Not beside the concurrent checks: a server of theirs could be given the port just closed.
describe("npm run contract, against a closed port", () => {
  it("exits 2 when the target does not listen", async () => {
    const server = await startReferenceServer({});
    await server.close();
    const { code, stdout } = await contract(["--target", server.url]);
    expect(stdout).toMatch(/ECONNREFUSED/);
    expect(code).toBe(2);
  });
});

describe("npm run contract, stopped by a supervisor", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("stops every request and every process at %s to npm's pid, even while the target hangs", async (signal) => {
    const server: ReferenceServer = await startReferenceServer({ deviation: "hang" });
    // In every command line of the check's processes (npm's, the shell's, node's), to find them.
    const marker = `contract-stopped-by-${signal}-${path.basename(scratch)}`;
    try {
      const npm = spawn("npm", ["run", "--silent", "contract", "--", "--target", server.url, "--junit", path.join(scratch, `${marker}.xml`)], {
        cwd: path.resolve(import.meta.dirname, ".."),
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => npm.on("close", resolve));
      await until(() => server.seen.requests > 0, "the check's first request");
      const sent = server.seen.requests;
      npm.kill(signal);
      await exited;
      await until(() => !running(marker), "every process of the check to end");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(server.seen.requests).toBe(sent); // nothing sent after the signal
    } finally {
      await server.close();
    }
  });
});

describe("npm run contract, piped to a reader that stops reading", () => {
  it("keeps its verdict when its stdout closes early (`| head -1`): every scenario runs, and the exit code is the target's", async () => {
    const server = await startReferenceServer();
    const json = path.join(scratch, "piped.json");
    try {
      const check = spawn(process.execPath, ["--import", "tsx", "scripts/contract.ts", "--target", server.url, "--sale-id", "1024", "--json", json], {
        cwd: path.resolve(import.meta.dirname, ".."),
        env: { ...process.env, KEEPUP_API_KEY: VALID_KEY },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      check.stderr.on("data", (chunk) => (stderr += chunk));
      check.stdout.once("data", () => check.stdout.destroy()); // as `head -1` does
      let code: number | null | undefined;
      check.on("close", (exited) => (code = exited));
      await until(() => code !== undefined, "scripts/contract.ts exiting after its stdout closed", 60_000);
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(code).toBe(0);
      expect(JSON.parse(fs.readFileSync(json, "utf8")).exitCode).toBe(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
