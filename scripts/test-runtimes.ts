// `npm run test:runtimes`: the packed package's consumers (test/consumer/: ESM and CommonJS,
// real requests to a loopback server, the error classes) on each Node line the package
// supports. Node 22 and 24 come from the npm registry (the `node` package ships the binaries);
// the development toolchain stays on this machine's Node.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONSUMERS, prepareConsumer } from "./lib/consumer.js";
import { root } from "./lib/steps.js";

const REGISTRY_LINES = ["22", "24"];

/** The path of a Node binary of `line`, fetched through npm's cache. */
function nodeOf(line: string): string {
  const output = execFileSync("npm", ["exec", "--yes", "--package", `node@${line}`, "--", "node", "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return output.trim().split("\n").at(-1)!;
}

const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-runtimes-"));
let passed = 0;
let failed = 0;
try {
  prepareConsumer(scratch);
  const runtimes = [process.execPath, ...REGISTRY_LINES.map(nodeOf)];
  for (const node of runtimes) {
    const nodeVersion = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    for (const [consumer, { output, expected }] of Object.entries(CONSUMERS)) {
      const want = { ...expected, ...(output.endsWith(".mjs") && { version }) };
      let got: unknown;
      try {
        got = JSON.parse(execFileSync(node, [output], { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
      } catch (error) {
        got = (error as { stderr?: string }).stderr?.trim().split("\n")[0] ?? String(error);
      }
      const ok = JSON.stringify(got) === JSON.stringify(want);
      console.log(`${ok ? "PASS" : "FAIL"} Node ${nodeVersion} ${consumer}${ok ? "" : `: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`}`);
      if (ok) passed++;
      else failed++;
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`test:runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
