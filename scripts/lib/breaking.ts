// Classifies the changes between two versions of the contract with api-smart-diff, corrected
// where its rules are wrong for this contract. Each correction is a named rule, and
// test/breaking.test.ts has a fixture per rule that fails when the rule is taken out.
// (`redocly diff`, experimental in @redocly/cli 2.77, rates a changed security scheme, a changed
// response constant and a removed request enum value as patches: it fails those fixtures.)
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { apiCompare } from "api-smart-diff";
import { dereferenced, type Json } from "./operations.js";
import { bundle } from "./steps.js";

export type ChangeType = "breaking" | "non-breaking" | "deprecated" | "annotation";

export interface Change {
  type: ChangeType;
  /** What api-smart-diff said, before the rules below. */
  libraryType: string;
  /** The rule that corrected the library's type, if one did. */
  rule: string | undefined;
  where: string;
  description: string;
}

interface Diff {
  type: string;
  action: string;
  path: (string | number)[];
  description?: string;
}

/** A dereferenced copy of an API description: a bundled JSON file, or a Redocly API name to bundle. */
export async function dereference(source: string): Promise<Json> {
  if (source.endsWith(".json")) return dereferenced(JSON.parse(await fs.readFile(source, "utf8")));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "keepup-bundle-"));
  try {
    const out = path.join(dir, "openapi.json");
    await bundle(source, out);
    return dereferenced(JSON.parse(await fs.readFile(out, "utf8")));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const RESPONSE_VALUE_KEYS = new Set(["type", "const", "format"]);
/** Words: a pattern's rule as an error states it is prose, like a description. */
const PROSE_KEYS = new Set(["description", "summary", "title", "x-client-pattern-words"]);
/** Extensions that shape this package's client, not the wire: its method names and how it takes values. */
const isClientExtension = (key: unknown) => typeof key === "string" && !PROSE_KEYS.has(key) && (key.startsWith("x-client-") || key === "x-retry-policy");
const isSecurity = (where: Diff["path"]) => where.includes("security") || where.includes("securitySchemes");

/** The corrections, in order; the first that applies decides. */
export const RULES: { name: string; type: ChangeType; applies: (diff: Diff, before: Json) => boolean }[] = [
  {
    name: "examples are annotations",
    type: "annotation",
    applies: ({ type, path: where }) => type === "unclassified" && (where.includes("examples") || where.at(-1) === "example"),
  },
  {
    // Neither is read by a client: the docs' samples, and what the contract check sends.
    name: "code samples and the contract check's extensions are annotations",
    type: "annotation",
    applies: ({ path: where }) => where.some((key) => key === "x-codeSamples" || String(key).startsWith("x-contract-check")),
  },
  {
    // A new method, or a new way to pass a value, adds to the client; anything else changes what callers wrote.
    name: "a client extension added is non-breaking",
    type: "non-breaking",
    applies: ({ action, path: where }) => action === "add" && where.some(isClientExtension),
  },
  {
    name: "a client extension changed or removed is breaking",
    type: "breaking",
    applies: ({ path: where }) => where.some(isClientExtension),
  },
  {
    name: "prose is an annotation",
    type: "annotation",
    applies: ({ type, path: where }) => type === "unclassified" && PROSE_KEYS.has(String(where.at(-1))),
  },
  {
    // What a server does with a member not sent: no client applies it, and the types keep the member optional.
    name: "a default is an annotation",
    type: "annotation",
    applies: ({ path: where }) => where.at(-1) === "default",
  },
  {
    // Tags group the docs' navigation; the client's methods come from x-client-method.
    name: "tags are annotations",
    type: "annotation",
    applies: ({ path: where }) => where.includes("tags"),
  },
  {
    // A client built for one way of authenticating sends the wrong thing after any other change.
    name: "a change of security requirements or schemes is breaking",
    type: "breaking",
    applies: ({ path: where }) => isSecurity(where) && where.at(-1) !== "description",
  },
  {
    name: "a response value of another type, constant or format is breaking",
    type: "breaking",
    applies: ({ action, path: where }) => where.includes("responses") && action === "replace" && RESPONSE_VALUE_KEYS.has(String(where.at(-1))),
  },
  {
    name: "a request property removed from a closed schema is breaking (it is now rejected)",
    type: "breaking",
    applies: ({ action, path: where }, before) =>
      !where.includes("responses") &&
      action === "remove" &&
      where.at(-2) === "properties" &&
      where.slice(0, -2).reduce<any>((node, key) => node?.[key], before)?.additionalProperties === false,
  },
  {
    name: "whatever the library cannot classify is breaking until a rule says otherwise",
    type: "breaking",
    applies: ({ type }) => type === "unclassified",
  },
];

/**
 * Changes from `before` to `after` (both dereferenced). Component entries other than security
 * schemes are left out: after dereferencing, every one that matters is seen where an operation
 * uses it.
 */
export function classifyChanges(before: Json, after: Json): Change[] {
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after)) as unknown as { diffs: Diff[] };
  return diffs
    .filter((diff) => diff.path[0] !== "components" || diff.path[1] === "securitySchemes")
    .map((diff) => {
      const rule = RULES.find((candidate) => candidate.applies(diff, before));
      return {
        type: rule?.type ?? (diff.type as ChangeType),
        libraryType: diff.type,
        rule: rule?.name,
        where: diff.path.join(" › "),
        description: diff.description && diff.description !== "undefined" ? diff.description : `${diff.action} ${diff.path.at(-1)}`,
      };
    });
}

/** The classified changes from one API description to another (files, or Redocly API names). */
export async function changesBetween(before: string, after: string): Promise<Change[]> {
  const [a, b] = await Promise.all([dereference(before), dereference(after)]);
  return classifyChanges(a, b);
}
