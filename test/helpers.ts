// Shared by the suites: a fetch double that records every request and answers from a script,
// the repository root, process runners, a rejection helper and the check that no form of the
// key is in what leaves the client.
import { spawn, type ChildProcess } from "node:child_process";
import { inspect } from "node:util";
import path from "node:path";
import { expect } from "vitest";
import spec from "../generated/openapi.json" with { type: "json" };
import { operationsOf } from "../scripts/lib/operations.js";
import { createKeepupClient, type Fetch, type FetchInit, type KeepupClientOptions } from "../src/index.js";

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
  redirect: string | undefined;
  signal: AbortSignal;
}

type Answer = Response | Error | ((url: string, init: FetchInit) => unknown);

/** A fetch double (called as the client calls any fetch: `fetch(url, init)`); answers are used in order, the last one repeats. */
export function fakeFetch(...answers: Answer[]) {
  const requests: Recorded[] = [];
  const fetch = async (url: string, init: FetchInit): Promise<unknown> => {
    requests.push({
      method: init.method,
      url: new URL(url),
      headers: new Headers(init.headers),
      body: init.body ?? "",
      redirect: init.redirect,
      signal: init.signal,
    });
    const answer = answers[Math.min(requests.length, answers.length) - 1];
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(url, init);
    return answer!.clone();
  };
  return { fetch, requests };
}

export function clientWith(fetch: Fetch, options: KeepupClientOptions = {}) {
  return createKeepupClient({ apiKey: CANARY_KEY, fetch, logLevel: "off", ...options });
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
  /** How long it may take (default DEADLINE_MS). */
  deadlineMs?: number;
}

/**
 * Runs a command. Past its deadline it kills the command and what it started, and rejects naming
 * the command.
 */
export function runCommand(command: string, args: string[], { cwd = root, env = {}, started, name = [command, ...args].join(" "), deadlineMs = DEADLINE_MS }: RunOptions = {}): Promise<Run> {
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
      reject(new Error(`${name} did not exit within ${deadlineMs / 1000} s; its output so far:\n${stdout}${stderr}`));
    }, deadlineMs);
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

const hex = (character: string) => character.charCodeAt(0).toString(16).padStart(2, "0");

/**
 * Each form a server or an encoder could echo a key in, once. The redaction must leave none of
 * them in anything that leaves the client or the contract check.
 */
export const KEY_FORMS: Record<string, (key: string) => string> = {
  "as is": (key) => key,
  "in upper case (a header name, say)": (key) => key.toUpperCase(),
  "in lower case": (key) => key.toLowerCase(),
  "percent-encoded (encodeURIComponent)": (key) => encodeURIComponent(key),
  "percent-encoded, every character, upper-case hex": (key) => [...key].map((character) => `%${hex(character).toUpperCase()}`).join(""),
  "percent-encoded, every character, lower-case hex": (key) => [...key].map((character) => `%${hex(character)}`).join(""),
  "percent-encoded twice": (key) => encodeURIComponent(encodeURIComponent(key)),
  "form-encoded (! as %21)": (key) => new URLSearchParams({ k: key }).toString().slice(2).replaceAll("!", "%21"),
  "JSON-escaped": (key) => JSON.stringify(key).slice(1, -1),
  "\\u-escaped, every character": (key) => [...key].map((character) => `\\u00${hex(character)}`).join(""),
  "PHP-escaped (\\/)": (key) => key.replaceAll("/", "\\/"),
  "XML-escaped": (key) => key.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;"),
  "as decimal character references": (key) => [...key].map((character) => `&#${character.charCodeAt(0)};`).join(""),
  "as hex character references": (key) => [...key].map((character) => `&#x${hex(character)};`).join(""),
  "JSON-escaped twice (\\\\u)": (key) => [...key].map((character) => `\\\\u00${hex(character)}`).join(""),
  "\\u{}-escaped, every character": (key) => [...key].map((character) => `\\u{${hex(character)}}`).join(""),
  "\\x-escaped, every character": (key) => [...key].map((character) => `\\x${hex(character)}`).join(""),
  "octal-escaped, every character": (key) => [...key].map((character) => `\\${character.charCodeAt(0).toString(8)}`).join(""),
  "XML-escaped twice": (key) => key.replaceAll("&", "&amp;amp;"),
  "as decimal character references without ;": (key) => [...key].map((character) => `&#${character.charCodeAt(0)}`).join(""),
  "as hex character references without ;": (key) => [...key].map((character) => `&#x${hex(character)}`).join(""),
  "as hex character references, XML-escaped again": (key) => [...key].map((character) => `&amp;#x${hex(character)};`).join(""),
  "as hex, lower case": (key) => [...key].map(hex).join(""),
  "as hex, upper case": (key) => [...key].map(hex).join("").toUpperCase(),
  base64: (key) => btoa(key),
  "base64, after one other byte": (key) => btoa(`:${key}`),
  "base64url, after two other bytes": (key) => btoa(`::${key}`).replaceAll("+", "-").replaceAll("/", "_"),
  "base64, MIME-wrapped (a line break inside)": (key) => `${btoa(key).slice(0, 10)}\r\n${btoa(key).slice(10)}`,
  "base64url, a JSON-escaped line break after every character": (key) => [...btoa(key).replaceAll("+", "-").replaceAll("/", "_")].join("\\n"),
  "as a list of its bytes (a Buffer in JSON)": (key) => [...new TextEncoder().encode(key)].join(","),
  // A UTF-16 body read as UTF-8: a NUL after (LE) or before (BE) each character.
  "in UTF-16LE": (key) => [...key].map((character) => `${character}\0`).join(""),
  "in UTF-16BE": (key) => [...key].map((character) => `\0${character}`).join(""),
};

/** A key with the characters that encoders treat differently: `/`, `+`, `!`, `&`. */
export const TRICKY_KEY = "kp_live/9f2c+41d7!e3b8&x";

/** Every view of a value that could be logged or shown: message, stack, cause chain, fields, headers, util.inspect, JSON.stringify. */
export function viewsOf(value: unknown): string[] {
  const views = [inspect(value, { depth: Infinity, showHidden: true }), JSON.stringify(value) ?? ""];
  for (let error = value; error instanceof Error; error = error.cause) views.push(error.message, error.stack ?? "", inspect(error, { depth: Infinity }));
  const fields = value as { body?: unknown; headers?: Headers; field?: string; rule?: string };
  if (fields?.body !== undefined) views.push(typeof fields.body === "string" ? fields.body : JSON.stringify(fields.body) ?? "");
  if (fields?.headers instanceof Headers) fields.headers.forEach((header, name) => views.push(name, header));
  if (typeof fields?.field === "string") views.push(fields.field, fields.rule ?? "");
  return views;
}

/**
 * A view without NULs (as they are, escaped, or shown as spaces in a message) and white space:
 * where a key in UTF-16, read as UTF-8, would show whole.
 */
export const squeezed = (view: string) => view.replace(/\\u0000|\\x00|[\0\s]/gi, "");

/** No form of `key` (KEY_FORMS) in any view of `value`. */
export function expectNoKey(value: unknown, key = CANARY_KEY) {
  expectNoKeyIn(viewsOf(value), key);
}

/** No form of `key` (KEY_FORMS) in any of `views`, nor the key spread out by NULs. */
export function expectNoKeyIn(views: string[], key: string) {
  for (const [name, form] of Object.entries(KEY_FORMS)) {
    // As it is, and as JSON.stringify and util.inspect show it (a backslash doubled).
    for (const text of new Set([form(key), JSON.stringify(form(key)).slice(1, -1)])) {
      for (const view of views) expect(view.toLowerCase().includes(text.toLowerCase()), `${name} (${JSON.stringify(text)}) in ${view.slice(0, 300)}`).toBe(false);
    }
  }
  for (const view of views) expect(squeezed(view).toLowerCase().includes(key.toLowerCase()), `the key spread out in ${view.slice(0, 300)}`).toBe(false);
}
