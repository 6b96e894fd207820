// `npm run contract` against the stand-in target of test/reference-server.ts: a pass only
// for a conforming server, the violation named for each deviation, exit 2 when nothing could
// be checked, and never a key in what it prints or writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runContract } from "../scripts/contract.js";
import { DEVIATIONS, VALID_KEY, startReferenceServer } from "./reference-server.js";
import { operations, runScript, type Run } from "./helpers.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-contract-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs the check in-process (a process per case would cost more than the check itself). */
async function contract(args: string[], env: Record<string, string | undefined> = { KEEPUP_API_KEY: VALID_KEY }): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runContract(args, { env, out: (line: string) => stdout.push(line), err: (line: string) => stderr.push(line) });
  return { code, signal: null, stdout: stdout.map((line) => `${line}\n`).join(""), stderr: stderr.map((line) => `${line}\n`).join("") };
}

async function against(deviation: keyof typeof DEVIATIONS | undefined, args: string[] = ["--sale-id", "1024", "--write", "cancelSale"]) {
  const server = await startReferenceServer(deviation ? { deviation } : {});
  try {
    // The server answers at once; the timeout only bounds a broken check, with room for a loaded
    // machine (27 checks share this worker's event loop).
    return { ...(await contract(["--target", server.url, "--timeout-ms", "10000", ...args])), seen: server.seen };
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
    expect(seen.requests).toBe(2 * operations.length); // the two 401 probes of each operation only
    expect(code).toBe(0);
  });

  it.each([
    ["wrong-constant", /body \/data\/status: must be equal to constant/],
    ["status-as-string", /body \/status: must be integer/],
    ["missing-message", /body \/: must have required property 'message'/],
    ["html-error", /header content-type: text\/html, not application\/json/],
    ["undocumented-status", /status 403: expected 401/],
    ["accepts-any-key", /status 200: expected 401/],
    ["not-implemented", /status 501: expected 200/],
    ["endless-401", /body: .*larger than maxResponseBytes/],
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

  it("ignores what the target says about itself (sl-violations)", async () => {
    const { code, stdout } = await against("sl-violations");
    expect(stdout).not.toMatch(/forged/);
    expect(stdout).not.toContain(VALID_KEY);
    expect(code).toBe(0);
  });

  it("keeps every key out of its output and its reports, even when the target echoes them", async () => {
    const junit = path.join(scratch, "echo.xml");
    const json = path.join(scratch, "echo.json");
    const { stdout, stderr } = await against("echo-key", ["--sale-id", "1024", "--write", "cancelSale", "--junit", junit, "--json", json]);
    for (const text of [stdout, stderr, fs.readFileSync(junit, "utf8"), fs.readFileSync(json, "utf8")]) {
      expect(text).not.toContain(VALID_KEY);
      expect(text).not.toMatch(/kcc_wrong_/);
    }
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
    const outcomes = operations.flatMap(({ operationId, method, parameters }) => {
      const read = method === "GET";
      const probe = read || parameters.some((parameter) => parameter.in === "path") ? "pass" : "skip";
      const live = operationId === "cancelSale" ? "fail" : read ? "pass" : "skip";
      return [probe, probe, live].map((outcome) => `${operationId} ${outcome}`);
    });
    const skipped = outcomes.filter((outcome) => outcome.endsWith("skip")).length;
    expect(xml.match(/<testcase /g)).toHaveLength(outcomes.length);
    expect(xml).toMatch(new RegExp(`<testsuite [^>]*tests="${outcomes.length}" failures="1" errors="0" skipped="${skipped}"`));
    expect(xml).toMatch(/<failure message="body \/data\/status: must be equal to constant">/);
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

  it("exits 2 when the target does not listen", async () => {
    const server = await startReferenceServer({});
    await server.close();
    const { code, stdout } = await contract(["--target", server.url]);
    expect(stdout).toMatch(/ECONNREFUSED/);
    expect(code).toBe(2);
  });

  it.each([
    ["no --target", [], {}, /--target is required/],
    ["a data: target", ["--target", "data:,hello"], {}, /--target must be an absolute https URL/],
    ["clear-text http to another host", ["--target", "http://example.com/v2.0"], {}, /--target .*clear text/],
    ["a key with a space", ["--target", "https://example.com"], { KEEPUP_API_KEY: "bad key here" }, /KEEPUP_API_KEY must be printable ASCII/],
    ["an invalid --sale-id", ["--target", "https://example.com", "--sale-id", "a/b"], {}, /--sale-id "a\/b": .*pattern/],
    ["an unknown --write", ["--target", "https://example.com", "--write", "dropTables"], {}, /--write dropTables: no such operation/],
    ["a --body that breaks the request schema", ["--target", "https://example.com", "--write", "cancelSale", "--body", '{"alert_customer":"maybe"}'], {}, /--body: .*allowed values/],
    ["an unknown flag", ["--target", "https://example.com", "--sale", "1"], {}, /Unknown option '--sale'/],
  ])("exits 2 on %s, with one line saying why", async (_, args, env, why) => {
    expectUnusable(await contract(args, { KEEPUP_API_KEY: VALID_KEY, ...env }), why);
  });

  it("passes against the project's own mock with its key, and fails naming the 401 with another", async () => {
    const target = ["--target", inject("mockUrl"), "--sale-id", "1024"];
    const own = await contract(target, { KEEPUP_API_KEY: inject("mockApiKey") });
    expect(own.stdout).toMatch(/Contract honoured/);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^PASS {2}listSales with the live key gets the documented 200$/m);
    expect(own.stdout).toMatch(/^PASS {2}fetchSale with the live key gets the documented 200$/m);
    const other = await contract(target, { KEEPUP_API_KEY: "another-key-123" });
    for (const read of ["listSales", "fetchSale"]) {
      expect(other.stdout).toMatch(new RegExp(`^FAIL {2}${read} with the live key gets the documented 200\\n {6}- status 401: expected 200$`, "m"));
    }
    expect(other.code).toBe(1);
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

  it("stops at SIGTERM, even while the target hangs", async () => {
    const server = await startReferenceServer({ deviation: "hang" });
    try {
      const started = performance.now();
      const run = await runScript(["contract.ts", "--target", server.url], {}, {
        started: (child) => {
          const poll = setInterval(() => {
            if (server.seen.requests > 0) {
              clearInterval(poll);
              child.kill("SIGTERM");
            }
          }, 20);
        },
      });
      expect(run.stderr).toMatch(/stopped by SIGTERM/);
      expect(run.code).toBe(143);
      expect(performance.now() - started).toBeLessThan(20_000);
    } finally {
      await server.close();
    }
  });
});
