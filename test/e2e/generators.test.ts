// The bundled contract reads right in a stock generator, @hey-api/openapi-ts (run on Node 24,
// from the npm registry, as its engines ask): every required request member stays required,
// no two types share a name (no `Name2`), and none is named like a global.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { resolved } from "../../scripts/lib/schemas.js";
import { operations, root, runCommand } from "../helpers.js";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "keepup-hey-api-"));
let types = "";

beforeAll(async () => {
  const run = await runCommand(
    "npx",
    ["--yes", "-p", "node@24", "-p", "@hey-api/openapi-ts@0.99.0", "-p", "typescript@5", "--", "openapi-ts", "-i", path.join(root, "generated", "openapi.json"), "-o", path.join(out, "client")],
    // Outside the repository, so that npx does not lend it the project's own packages. On a cold
    // cache npx first downloads Node 24 and the generator (27 s measured on a loaded machine).
    { name: "@hey-api/openapi-ts", cwd: out, deadlineMs: 180_000 },
  );
  expect(run.code, run.stderr).toBe(0);
  types = fs.readFileSync(path.join(out, "client", "types.gen.ts"), "utf8");
}, 200_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** The members of an exported object type, with whether each is optional. */
function membersOf(name: string): Record<string, boolean> {
  const body = new RegExp(`^export type ${name} = \\{\\n([\\s\\S]*?)^\\};`, "m").exec(types)?.[1];
  expect(body, `type ${name}`).toBeDefined();
  return Object.fromEntries([...body!.matchAll(/^ {4}(\w+)(\??):/gm)].map(([, member, optional]) => [member, optional === "?"]));
}

describe("@hey-api/openapi-ts", () => {
  it.each(operations.filter(({ requestBody }) => requestBody?.schema))("keeps every required member of $operationId's body required", ({ requestBody }) => {
    // The body's schema is a component, named as the generator names its type.
    const schemaName = String(requestBody!.schema!.$ref).split("/").at(-1)!;
    const members = membersOf(schemaName);
    const schema = resolved(spec, requestBody!.schema) as { required?: string[]; properties: object };
    expect(Object.keys(members).sort()).toEqual(Object.keys(schema.properties).sort());
    for (const member of schema.required ?? []) expect(members[member], member).toBe(false);
  });

  it("gives no two types one name, and none a global's", () => {
    const names = [...types.matchAll(/^export type (\w+)/gm)].map(([, name]) => name!);
    expect(names.length).toBeGreaterThan(operations.length);
    expect(names.filter((name) => /\D2$/.test(name) && names.includes(name.slice(0, -1)))).toEqual([]);
    expect(names.filter((name) => Object.hasOwn(globalThis, name))).toEqual([]);
  });
});
