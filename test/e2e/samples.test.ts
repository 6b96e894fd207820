// Every code sample of the contract, the very text the docs show, runs against the Prism mock
// and prints the documented 200 body.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { transformSync } from "esbuild";
import { describe, expect, inject, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };

const PRODUCTION = "https://api.keepup.store/v2.0";
const root = path.resolve(import.meta.dirname, "..", "..");
// Inside the package, so that the TypeScript sample's "@keepup/api" resolves to this package.
const workDir = path.join(root, "test-results", "samples");
const mockUrl = inject("mockUrl");
const documented = spec.components.responses.SaleCancelled.content["application/json"].examples.cancelled.value;
const samples = spec.paths["/sales/cancel/{sale_id}"].put["x-codeSamples"];

/** How to run each language: the file to write and the command that runs it. */
const runners: Record<string, { file: string; command: string; args: (file: string) => string[]; compile?: (source: string) => string }> = {
  "cURL": { file: "sample.sh", command: "bash", args: (file) => [file] },
  "TypeScript (@keepup/api)": {
    file: "sample.mjs",
    command: "node",
    args: (file) => [file],
    compile: (source) => transformSync(source, { loader: "ts", format: "esm", target: "node20" }).code,
  },
  "Node.js fetch": { file: "sample-fetch.mjs", command: "node", args: (file) => [file] },
  "Python requests": { file: "sample.py", command: "/usr/bin/python3", args: (file) => [file] },
  "PHP curl": { file: "sample.php", command: "php", args: (file) => [file] },
};

describe("the code samples", () => {
  it("cover cURL, TypeScript, Node.js fetch, Python and PHP, each once", () => {
    expect(samples.map((sample) => sample.label).sort()).toEqual(Object.keys(runners).sort());
  });

  it.each(samples.map((sample) => [sample.label, sample.source] as const))(
    "%s sends PUT to production with KEEPUP_API_KEY and prints the documented body",
    async (label, source) => {
      expect(source).toContain(PRODUCTION);
      expect(source).toContain("KEEPUP_API_KEY");
      expect(source).not.toMatch(/\bpost\b/i);
      // The TypeScript sample's method is the client's: sales.cancel sends PUT.
      if (label !== "TypeScript (@keepup/api)") expect(source).toMatch(/\bput\b/i);

      const runner = runners[label]!;
      const local = source.replaceAll(PRODUCTION, mockUrl);
      expect(local).not.toBe(source);
      fs.mkdirSync(workDir, { recursive: true });
      const file = path.join(workDir, runner.file);
      fs.writeFileSync(file, runner.compile ? runner.compile(local) : local);
      const { stdout } = await promisify(execFile)(runner.command, runner.args(file), {
        cwd: workDir,
        env: { ...process.env, KEEPUP_API_KEY: "sample-test-key" },
        timeout: 30_000,
      });
      expect(JSON.parse(stdout)).toEqual(documented);
    },
  );
});
