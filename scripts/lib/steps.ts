// Runs pipeline stages: the steps of one stage run concurrently, stages run in order.
// Each step prints one line with its duration; a failing step prints the tool's own
// output and stops the pipeline with a non-zero exit.
import { spawn, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = fileURLToPath(new URL("../..", import.meta.url));
/** redocly.yaml's name for the contract in openapi/. */
export const API = "keepup@v2";
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

/** The command that runs `scripts/<name>.ts` (TypeScript, through tsx). */
export const script = (name: string, args: string[] = []) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.join(root, "scripts", `${name}.ts`), ...args],
});

// Tools' own telemetry and update notices stay off in every step.
export const toolEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};

export interface RunResult {
  code: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  stdout: string;
}

/** Runs a command, capturing its output. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: toolEnv, ...options });
    let output = "";
    let stdout = "";
    child.stdout?.on("data", (chunk) => ((output += chunk), (stdout += chunk)));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: 1, output: String(error), stdout }));
    child.on("close", (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}

/** Runs Redocly's CLI (telemetry off); rejects with its output when it fails. */
export async function redocly(args: string[]): Promise<string> {
  const { code, output } = await run(bin("redocly"), args);
  if (code !== 0) throw new Error(output);
  return output;
}

/** Bundles an API description into one JSON file. */
export function bundle(source: string, outFile: string): Promise<string> {
  return redocly(["bundle", source, "--ext", "json", "--output", outFile]);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** A command to run, or a task (whose resolved text is its output); `showOutput` prints the output on success too. */
export type Step = { name: string; showOutput?: boolean } & (
  | { command: string; args: string[]; task?: undefined }
  | { task: () => Promise<unknown>; command?: undefined }
);

async function runStep(step: Step): Promise<boolean> {
  const { name, showOutput = false } = step;
  const started = performance.now();
  let result: RunResult;
  try {
    result = step.task ? { code: 0, output: String((await step.task()) ?? ""), stdout: "" } : await run(step.command, step.args);
  } catch (error) {
    result = { code: 1, output: error instanceof Error ? error.message : String(error), stdout: "" };
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

/** Runs the stages in order, the steps of each at once; exits 1 after a stage with a failed step. */
export async function runStages(title: string, stages: Step[][]): Promise<void> {
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
