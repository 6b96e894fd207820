// Packs the package as npm would publish it, installs the tarball into a fresh project,
// type-checks strict ESM and CJS consumers against it, and runs them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { CONSUMERS, prepareConsumer } from "../../scripts/lib/consumer.js";
import { operations, root, runCommand } from "../helpers.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-consumer-"));
/** The stdout of a command run in the consumer's project, which must exit 0. */
const run = async (command: string, args: string[], env: Record<string, string> = {}) => {
  const { code, stdout, stderr } = await runCommand(command, args, { cwd: scratch, env });
  expect(code, stderr).toBe(0);
  return stdout;
};

let packed: string[] = [];
// The docs' TypeScript samples must compile against the published package too (as ESM: they
// use top-level await).
const typescriptSamples = operations.flatMap(({ operationId, codeSamples }) =>
  codeSamples.filter((sample) => sample.label.startsWith("TypeScript")).map(({ source }) => [`sample-${operationId}.mts`, source] as const),
);

/** The README's client examples: fenced as "```js <file>". */
const readmeExamples = [...fs.readFileSync(path.join(root, "README.md"), "utf8").matchAll(/^```js (\S+)\n([\s\S]*?)^```$/gm)].map(
  (match) => [match[1]!, match[2]!] as const,
);

beforeAll(() => {
  expect(readmeExamples.map(([file]) => file)).toEqual(["index.mjs", "index.js"]);
  packed = prepareConsumer(scratch, Object.fromEntries(typescriptSamples));
}, 200_000); // three commands, each within prepareConsumer's deadline, which fails first naming it

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the published package", () => {
  it("ships only what consumers need", () => {
    expect(packed.sort()).toEqual(
      ["CHANGELOG.md", "LICENSE", "README.md", "generated/openapi.json", "package.json",
        "dist/index.cjs", "dist/index.d.cts", "dist/index.d.ts", "dist/index.js",
        "dist/schema.cjs", "dist/schema.d.cts", "dist/schema.d.ts", "dist/schema.js"].sort(),
    );
  });

  it("has openapi-fetch as its only runtime dependency", () => {
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
  });

  it("type-checks strict ESM and CJS consumers and the docs' TypeScript sample of every operation", () => {
    expect(typescriptSamples).toHaveLength(operations.length);
    for (const { output } of Object.values(CONSUMERS)) expect(fs.existsSync(path.join(scratch, output))).toBe(true);
  });

  it.each(readmeExamples)("runs the README's example %s as written, against the mock", async (file, source) => {
    fs.writeFileSync(path.join(scratch, file), source);
    const stdout = await run(process.execPath, [file], { KEEPUP_API_KEY: inject("mockApiKey"), KEEPUP_BASE_URL: inject("mockUrl") });
    expect(stdout.trim()).toBe("cancelled");
  });

  it.each(Object.entries(CONSUMERS))("runs the %s consumer", async (_, { output, expected }) => {
    expect(JSON.parse(await run(process.execPath, [output]))).toEqual({ ...expected, ...(output.endsWith(".mjs") && { version: pkg.version }) });
  });
});
