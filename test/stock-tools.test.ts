// The bundled contract reads right in the stock tools: Spectral's OpenAPI rules find no error.
// (A generator, @hey-api/openapi-ts, is run by test/e2e/generators.test.ts: it needs Node 24.)
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, runCommand } from "./helpers.js";

describe("Spectral (spectral:oas)", () => {
  it("finds nothing wrong in generated/openapi.json", async () => {
    const run = await runCommand(path.join(root, "node_modules", ".bin", "spectral"), ["lint", "generated/openapi.json", "--ruleset", ".spectral.yaml", "--fail-severity", "warn"]);
    expect(`${run.stdout}${run.stderr}`).toMatch(/No results with a severity of 'warn' or higher found!|0 problems/);
    expect(run.code, run.stdout).toBe(0);
  });
});
