// Runs pipeline stages: the steps of one stage run concurrently, stages run in order.
// Each step prints one line with its duration; a failing step prints the tool's own
// output and stops the pipeline with a non-zero exit.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Tools' own telemetry and update notices stay off in every step.
export const toolEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};

/** Runs a command, capturing its output; resolves to { code, output }. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: toolEnv, ...options });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: 1, output: String(error) }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs Redocly's CLI (telemetry off); rejects with its output when it fails. */
export async function redocly(args) {
  const { code, output } = await run(bin("redocly"), args);
  if (code !== 0) throw new Error(output);
  return output;
}

/** Bundles an API description into one JSON file, `$ref`s kept or, with `dereferenced`, inlined. */
export function bundle(source, outFile, { dereferenced = false } = {}) {
  return redocly(["bundle", source, ...(dereferenced ? ["--dereferenced"] : []), "--ext", "json", "--output", outFile]);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)}s`;

async function runStep({ name, command, args, task, showOutput = false }) {
  const started = performance.now();
  let result;
  try {
    result = task ? { code: 0, output: (await task()) ?? "" } : await run(command, args);
  } catch (error) {
    result = { code: 1, output: error instanceof Error ? error.message : String(error) };
  }
  const took = seconds(performance.now() - started);
  if (result.code === 0) {
    if (showOutput) process.stdout.write(result.output);
    console.log(`ok   ${name} (${took})`);
  } else {
    console.log(`FAIL ${name} (${took})`);
    process.stdout.write(result.output.endsWith("\n") ? result.output : `${result.output}\n`);
  }
  return result.code === 0;
}

/**
 * stages: Array<Array<step>>; a step is { name, command, args } or { name, task }, with
 * `showOutput` to print the tool's output on success too.
 */
export async function runStages(title, stages) {
  const started = performance.now();
  for (const stage of stages) {
    const results = await Promise.all(stage.map(runStep));
    if (results.includes(false)) {
      console.log(`${title} failed (${seconds(performance.now() - started)})`);
      process.exit(1);
    }
  }
  console.log(`${title} done (${seconds(performance.now() - started)})`);
}
