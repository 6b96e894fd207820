// An error body costs no more memory than a success body of the same size (within 2x): the
// redaction reads the text once and it is parsed once, as a success is. Each call runs in a
// process of its own (test/fixtures/memory-probe.ts), whose peak RSS is that call's.
import { describe, expect, it } from "vitest";
import { runCommand } from "./helpers.js";

async function grown(kind: "success" | "error") {
  const run = await runCommand(process.execPath, ["--import", "tsx", "test/fixtures/memory-probe.ts", kind]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { outcome: string; grown: number };
}

describe("memory", () => {
  it("for an 8 MiB error body of small JSON values stays within 2x that of a success body of the same size", async () => {
    const success = await grown("success");
    const error = await grown("error");
    expect(success.outcome).toBe("success");
    expect(error.outcome).toBe("APIError");
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    expect(error.grown, `error ${mib(error.grown)}, success ${mib(success.grown)}`).toBeLessThanOrEqual(2 * success.grown);
  });
});
