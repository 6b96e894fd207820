// Shared by the suites: a fetch double that records every request and answers from a script,
// the repository root, a process runner, a rejection helper and the check that no form of the
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

/**
 * Runs `scripts/<file> <args>` (through tsx) from the repository root; `started` sees the child
 * as soon as it runs.
 */
export function runScript(args: string[], env: Record<string, string | undefined> = {}, started?: (child: ChildProcess) => void): Promise<Run> {
  const [file, ...rest] = args;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", file!), ...rest], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    started?.(child);
  });
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
  base64: (key) => btoa(key),
  "base64, after one other byte": (key) => btoa(`:${key}`),
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

/** No form of `key` (KEY_FORMS) in any view of `value`. */
export function expectNoKey(value: unknown, key = CANARY_KEY) {
  const views = viewsOf(value);
  for (const [name, form] of Object.entries(KEY_FORMS)) {
    const text = form(key);
    for (const view of views) expect(view.toLowerCase().includes(text.toLowerCase()), `${name} (${text}) in ${view.slice(0, 300)}`).toBe(false);
  }
}
