// `npm run contract` passes against a conforming server and fails, naming the violation,
// against each deviation of the reference server.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DEVIATIONS, VALID_KEY, startReferenceServer } from "./reference-server.mjs";

const root = path.resolve(import.meta.dirname, "..");

async function run(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", ["scripts/contract.mjs", ...args], {
      cwd: root,
      env: { ...process.env, KEEPUP_API_KEY: VALID_KEY },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function contract(deviation: keyof typeof DEVIATIONS | undefined, args: string[] = ["--sale-id", "1024"]) {
  const server = await startReferenceServer(deviation ? { deviation } : {});
  try {
    return await run(["--target", server.url, ...args]);
  } finally {
    await server.close();
  }
}

// Each run starts its own Prism (about 1.5 s of CPU), so on a busy 2-core machine a run can
// take several seconds: the timeout only guards against a hang.
describe.concurrent("npm run contract", { timeout: 60_000 }, () => {
  it("passes against the conforming reference server, real cancel included", async () => {
    const { code, stdout } = await contract(undefined);
    expect(stdout).toMatch(/PASS a wrong key/);
    expect(stdout).toMatch(/PASS sale 1024 is cancelled/);
    expect(stdout).toMatch(/Contract honoured/);
    expect(code).toBe(0);
  });

  it("skips the real cancel without --sale-id", async () => {
    const { code, stdout } = await contract(undefined, []);
    expect(stdout).toMatch(/SKIP a real cancel/);
    expect(stdout).not.toMatch(/WARNING/);
    expect(code).toBe(0);
  });

  it.each([
    ["wrong-data-status", /response\.body\.data\.status: .*constant/],
    ["status-as-string", /response\.body\.status: .*must be integer/],
    ["missing-message", /response\.body: .*required property 'message'/],
    ["html-error", /media type "text\/html"/],
    ["undocumented-status", /expected 401 .* got APIError: KeepUp answered 403/],
  ] as const)("fails on %s, naming the violation", async (deviation, violation) => {
    const { code, stdout } = await contract(deviation);
    expect(stdout).toMatch(/^FAIL /m);
    expect(stdout).toMatch(violation);
    expect(code).toBe(1);
  });

  it("rejects a --target that is not a URL with usage", async () => {
    const { code, stdout, stderr } = await run(["--target", "not a url"]);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--target must be the absolute base URL.*\nusage: npm run contract/);
    expect(code).toBe(2);
  });

  it("tells an unreachable target apart from a contract violation", async () => {
    const server = await startReferenceServer({});
    await server.close(); // its port is now closed
    const { code, stdout, stderr } = await run(["--target", server.url]);
    expect(stdout).not.toMatch(/FAIL|PASS/);
    expect(stderr).toMatch(new RegExp(`Cannot reach ${server.url}: .*ECONNREFUSED`));
    expect(code).toBe(2);
  });
});
