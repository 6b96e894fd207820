// An error body costs no more memory than a success body of the same size (within 2x): the
// redaction reads the text once and it is parsed once, as a success is; one that echoes the key
// costs one redacted copy of the text more. Each call runs in a process of its own
// (test/fixtures/memory-probe.ts), whose peak RSS is that call's.
import { describe, expect, it } from "vitest";
import { runCommand } from "./helpers.js";

async function grown(kind: "success" | "error" | "echo") {
  const run = await runCommand(process.execPath, ["--import", "tsx", "test/fixtures/memory-probe.ts", kind]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { outcome: string; grown: number };
}

describe("memory", () => {
  it.each([
    ["an 8 MiB error body of small JSON values", "error"],
    ["an 8 MiB error body of small JSON values that echoes the key", "echo"],
  ] as const)("for %s stays within 2x that of a success body of the same size", async (_, kind) => {
    const success = await grown("success");
    const error = await grown(kind);
    expect(success.outcome).toBe("success");
    expect(error.outcome).toBe("APIError");
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    expect(error.grown, `${kind} ${mib(error.grown)}, success ${mib(success.grown)}`).toBeLessThanOrEqual(2 * success.grown);
  });
});
