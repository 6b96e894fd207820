// Every code sample of every operation, the very text the docs show, runs as written against
// the mock (KEEPUP_BASE_URL, production when unset) and prints the operation's documented
// success; with another key, it prints KeepUp's error and fails.
import fs from "node:fs";
import path from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, inject, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { ajvFor } from "../../scripts/lib/operations.js";
import { operations, root, runCommand } from "../helpers.js";

const PRODUCTION = spec.servers[0]!.url;
// Inside the package, so that the TypeScript sample's "@keepup/api" resolves to this package.
const workDir = path.join(root, "test-results", "samples");
const mockUrl = inject("mockUrl");
const mockApiKey = inject("mockApiKey");
const WRITE_METHODS = ["PUT", "POST", "PATCH", "DELETE"];
const ajv = ajvFor(spec);

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

describe.each(operations)("the code samples of $operationId", ({ operationId, method, codeSamples, responses }) => {
  const success = responses.find(({ status }) => /^2\d\d$/.test(status))!;

  it("cover cURL, TypeScript, Node.js fetch, Python and PHP, each once", () => {
    expect(codeSamples.map((sample) => sample.label).sort()).toEqual(Object.keys(runners).sort());
  });

  it.each(codeSamples.map((sample) => [sample.label, sample.source] as const))(
    `%s sends ${method} to KEEPUP_BASE_URL (production when unset) with KEEPUP_API_KEY, prints the documented body, and prints an error`,
    async (label, source) => {
      expect(source).toContain(PRODUCTION);
      expect(source).toContain("KEEPUP_BASE_URL");
      expect(source).toContain("KEEPUP_API_KEY");
      for (const other of WRITE_METHODS.filter((candidate) => candidate !== method)) {
        expect(source).not.toMatch(new RegExp(`\\b${other}\\b`, "i"));
      }
      // The TypeScript sample's method is the client's.
      if (label !== "TypeScript (@keepup/api)") expect(source).toMatch(new RegExp(`\\b${method}\\b`, "i"));

      const runner = runners[label]!;
      fs.mkdirSync(workDir, { recursive: true });
      const file = path.join(workDir, `${operationId}-${runner.file}`);
      fs.writeFileSync(file, runner.compile ? runner.compile(source) : source);
      const sample = (key: string) => runCommand(runner.command, runner.args(file), { cwd: workDir, env: { KEEPUP_API_KEY: key, KEEPUP_BASE_URL: mockUrl } });
      const refused = await sample(`not-${mockApiKey}`);
      expect(refused.code).not.toBe(0);
      expect(`${refused.stdout}${refused.stderr}`).toMatch(/401|rejected the API key/);
      const run = await sample(mockApiKey);
      expect(run.code, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout);
      const [example] = Object.values(success.examples);
      // KeepUp shows no response for some operations: then the answer only has to fit the schema.
      if (example !== undefined) expect(printed).toEqual(example);
      else expect(ajv.validate(success.schemaRef!, printed)).toBe(true);
    },
  );
});
