// Shared by the suites: a fetch double that records every request and answers from a script,
// the repository root, process runners and a rejection helper.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { operationsOf } from "../scripts/lib/operations.js";
import { createKeepupClient, type KeepupClientOptions } from "../src/index.js";

export const CANARY_KEY = "kp_canary_9f2c41d7e3b8";
export const BASE_URL = "https://api.keepup.store/v2.0";

/** The contract's operations, as the scripts see them. */
export const operations = operationsOf(spec);

/** The first example of an operation's documented response: the fixtures come from the contract. */
export function exampleOf(operationId: string, status: string): Record<string, unknown> {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  const response = operation?.responses.find((candidate) => candidate.status === status);
  const [example] = Object.values(response?.examples ?? {});
  if (!example) throw new Error(`the contract has no example of ${operationId} ${status}`);
  return example as Record<string, unknown>;
}

export const cancelled = exampleOf("cancelSale", "200");
export const unauthorized = exampleOf("cancelSale", "401");

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  redirect: RequestRedirect;
}

type Answer = Response | Error | ((request: Request) => Response | Promise<Response>);

/** Answers are used in order; the last one repeats. */
export function fakeFetch(...answers: Answer[]) {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
      redirect: request.redirect,
    });
    const answer = answers[Math.min(requests.length, answers.length) - 1];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request);
    return answer!.clone();
  };
  return { fetch, requests };
}

export function clientWith(fetch: (request: Request) => Promise<Response>, options: KeepupClientOptions = {}) {
  return createKeepupClient({ apiKey: CANARY_KEY, fetch, ...options });
}

export const root = path.resolve(import.meta.dirname, "..");

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** How long runCommand waits: the slowest command, a script, takes ~4 s on a quiet machine, ~12 s on a loaded 2-core one. */
const DEADLINE_MS = 60_000;

export interface RunOptions {
  /** Where it runs (default: the repository root). */
  cwd?: string;
  /** Set over this process's environment. */
  env?: Record<string, string | undefined>;
  /** Sees the child as soon as it runs. */
  started?: ((child: ChildProcess) => void) | undefined;
  /** What the deadline's failure calls it (default: the command line). */
  name?: string;
}

/**
 * Runs a command. Past DEADLINE_MS it kills the command and what it started, and rejects naming
 * the command.
 */
export function runCommand(command: string, args: string[], { cwd = root, env = {}, started, name = [command, ...args].join(" ") }: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      // A process group of its own, which the deadline kills whole (start.ts's Prism, release.ts's Redocly).
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    const deadline = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is gone already.
      }
      reject(new Error(`${name} did not exit within ${DEADLINE_MS / 1000} s; its output so far:\n${stdout}${stderr}`));
    }, DEADLINE_MS);
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, stdout, stderr });
    });
    started?.(child);
  });
}

/** Runs `scripts/<file> <args>` (through tsx) with runCommand; `cwd` is where scripts/ is, the repository root by default. */
export function runScript(args: string[], env: Record<string, string | undefined> = {}, { cwd = root, started }: Pick<RunOptions, "cwd" | "started"> = {}): Promise<Run> {
  const [file, ...rest] = args;
  return runCommand(process.execPath, ["--import", "tsx", path.join(cwd, "scripts", file!), ...rest], { cwd, env, started, name: `scripts/${file}` });
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}
