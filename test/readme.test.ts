// The README's claims that code can check: its retry table against the policies the contract
// declares (generated/operations.js) and what each policy sends again (src/retries.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operations } from "../generated/operations.js";
import { RETRIED, type RetryPolicy } from "../src/retries.js";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "..", "README.md"), "utf8");

/** The rows of the README's table whose header starts with `| policy |`. */
const retryRows = () => {
  const table = readme.slice(readme.indexOf("| policy |")).split("\n\n")[0]!;
  return table
    .split("\n")
    .slice(2)
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()) as [string, string, string]);
};

describe("the README's retry table", () => {
  it("has one row per policy", () => {
    expect(retryRows().map(([policy]) => policy).sort()).toEqual(Object.keys(RETRIED).sort());
  });

  it.each(Object.keys(RETRIED) as RetryPolicy[])("names the %s policy's operations and failures exactly", (policy) => {
    const [, named, failures] = retryRows().find(([name]) => name === policy)!;
    const declared = Object.entries(operations as Record<string, { retry: string }>).filter(([, { retry }]) => retry === policy).map(([operationId]) => operationId);
    expect([...named.matchAll(/`(\w+)`/g)].map((match) => match[1])).toEqual(declared);
    const { statuses, connectionFailures, timeouts } = RETRIED[policy];
    expect([...failures.matchAll(/\b\d{3}\b/g)].map(Number)).toEqual(statuses);
    if (connectionFailures === "all") expect(failures).toMatch(/any connection failure/);
    else expect([...failures.matchAll(/\bE[A-Z_]+\b/g)].map((match) => match[0])).toEqual(connectionFailures);
    expect(/timeout/.test(failures)).toBe(timeouts);
  });
});

describe("the README's methods table", () => {
  it("lists every method of the client, with its operation's method and path, in the contract's order", () => {
    const table = readme.slice(readme.indexOf("| method | operation |")).split("\n\n")[0]!;
    const rows = table.split("\n").slice(2).map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim().replaceAll("`", "")));
    const entries = Object.values(operations as Record<string, { method: string; path: string; client: string[]; pathParams: object }>);
    expect(rows.map(([method, operation]) => `${method!.split("(")[0]} ${operation}`)).toEqual(
      entries.map(({ method, path: route, client }) => `${client[0]}.${client[1]} ${method} ${route}`),
    );
  });
});
