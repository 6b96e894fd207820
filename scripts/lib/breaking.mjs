// Classifies the changes between two versions of the contract with api-smart-diff, corrected
// where its rules are wrong for this contract (checked by test/breaking.test.ts).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { apiCompare } from "api-smart-diff";
import { bundle } from "./steps.mjs";

/** The document with every $ref inlined: api-smart-diff applies its response rules only to inline schemas. */
export async function dereference(file) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "keepup-deref-"));
  try {
    const out = path.join(dir, "openapi.json");
    await bundle(file, out, { dereferenced: true });
    return JSON.parse(await fs.readFile(out, "utf8"));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const RESPONSE_VALUE_KEYS = new Set(["type", "const", "format"]);

function hasClosedParent(document, diffPath) {
  const parent = diffPath.slice(0, -2).reduce((node, key) => node?.[key], document);
  return parent?.additionalProperties === false;
}

/** api-smart-diff's type, corrected; see the rules below. */
function correctedType(diff, before) {
  const where = diff.path;
  const inResponse = where.includes("responses");
  const key = where.at(-1);
  // Examples document, they do not constrain.
  if (diff.type === "unclassified" && (where.includes("examples") || key === "example")) return "annotation";
  // A response value of another type, constant or format breaks the code that reads it.
  if (inResponse && diff.action === "replace" && RESPONSE_VALUE_KEYS.has(key)) return "breaking";
  // A new enum value in a response is one that existing consumers do not handle.
  if (inResponse && diff.action === "add" && where.at(-2) === "enum") return "breaking";
  // A request property removed from a closed schema (additionalProperties: false) is now rejected.
  if (!inResponse && diff.action === "remove" && where.at(-2) === "properties" && hasClosedParent(before, where)) {
    return "breaking";
  }
  // Whatever the library cannot classify is treated as breaking until a rule says otherwise.
  return diff.type === "unclassified" ? "breaking" : diff.type;
}

/** The classified changes from one bundled contract file to another. */
export async function changesBetween(beforeFile, afterFile) {
  const [before, after] = await Promise.all([dereference(beforeFile), dereference(afterFile)]);
  return classifyChanges(before, after);
}

/**
 * Changes from `before` to `after` (both dereferenced), as { type, where, description },
 * type being "breaking", "non-breaking", "deprecated" or "annotation". Component entries are
 * left out: after dereferencing, every one that matters is seen where an operation uses it.
 */
export function classifyChanges(before, after) {
  const { diffs } = apiCompare(structuredClone(before), structuredClone(after));
  return diffs
    .filter((diff) => diff.path[0] !== "components")
    .map((diff) => ({
      type: correctedType(diff, before),
      where: diff.path.join(" › "),
      description: diff.description && diff.description !== "undefined" ? diff.description : `${diff.action} ${diff.path.at(-1)}`,
    }));
}
