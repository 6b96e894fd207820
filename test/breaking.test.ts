// Fixture pairs: the released contract (the part the fixtures edit) against edited copies,
// classified by the gate's rules. Each rule of scripts/lib/breaking.ts has a fixture that the
// library alone gets wrong, so that taking the rule out fails its test.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RULES, classifyChanges, dereference, type Change } from "../scripts/lib/breaking.js";
import { isBreakingBump } from "../scripts/lib/releases.js";

type Json = Record<string, any>;
const PATH = "/sales/cancel/{sale_id}";
let base: Json;
beforeAll(async () => {
  base = await dereference(path.resolve(import.meta.dirname, "..", "generated", "openapi.json"));
  // Only what the fixtures edit: api-smart-diff takes ten times as long on the whole contract, and
  // no rule reads the rest.
  base.paths = { [PATH]: base.paths[PATH], "/sales": base.paths["/sales"] };
  base.components.schemas = { AuthenticationInvalidBody: base.components.schemas.AuthenticationInvalidBody };
});

const operation = (spec: Json) => spec.paths[PATH].put;
const requestSchema = (spec: Json) => operation(spec).requestBody.content["application/json"].schema;
const successSchema = (spec: Json) => operation(spec).responses["200"].content["application/json"].schema;

/** The changes that `edit` makes, from the base contract or from `prepare(base)`. */
function changesAfter(edit: (spec: Json) => void, prepare?: (spec: Json) => void): Change[] {
  const before = structuredClone(base);
  prepare?.(before);
  const after = structuredClone(before);
  edit(after);
  const changes = classifyChanges(before, after);
  expect(changes.length).toBeGreaterThan(0);
  return changes;
}
const typesAfter = (edit: (spec: Json) => void) => [...new Set(changesAfter(edit).map((change) => change.type))];

describe("each rule of the gate, on a change the library alone gets wrong", () => {
  type Fixture = [expected: Change["type"], edit: (spec: Json) => void, prepare?: (spec: Json) => void];
  const fixtures: Record<string, Fixture> = {
    "examples are annotations": ["annotation", (spec) => {
      operation(spec).responses["200"].content["application/json"].examples.another = {
        value: { ...operation(spec).responses["200"].content["application/json"].examples.cancelled.value },
      };
    }],
    "code samples and the contract check's extensions are annotations": ["annotation", (spec) => {
      operation(spec)["x-codeSamples"][0].source = "curl --reworded";
      operation(spec)["x-contract-check-query"] = { page: 2 };
    }],
    "a client extension added is non-breaking": ["non-breaking", (spec) => (requestSchema(spec).properties.alert_customer["x-client-trim"] = true)],
    "a client extension changed or removed is breaking": ["breaking", (spec) => (operation(spec)["x-client-method"] = "sales.cancelSale")],
    "a default is an annotation": ["annotation", (spec) => {
      delete spec.paths["/sales"].get.parameters.find((parameter: Json) => parameter.name === "page").schema.default;
    }],
    "tags are annotations": ["annotation", (spec) => {
      spec.tags.push({ name: "Extra", description: "Another group." });
      operation(spec).tags.push("Extra");
    }],
    "prose is an annotation": ["annotation", (spec) => {
      spec.tags[0].description = "Reworded.";
      spec.paths[PATH].parameters[0].schema.anyOf[1]["x-client-pattern-words"] = "reworded";
    }],
    "a change of security requirements or schemes is breaking": ["breaking", (spec) => {
      spec.components.securitySchemes.KeepupApiKey = { type: "apiKey", in: "header", name: "X-Api-Key", description: spec.components.securitySchemes.KeepupApiKey.description };
    }],
    "a response value of another type, constant or format is breaking": ["breaking", (spec) => {
      successSchema(spec).properties.message.type = "integer";
    }],
    "a request property removed from a closed schema is breaking (it is now rejected)": ["breaking", (spec) => {
      delete requestSchema(spec).properties.alert_customer;
    }],
    "whatever the library cannot classify is breaking until a rule says otherwise": ["breaking", (spec) => (spec.jsonSchemaDialect = "https://json-schema.org/draft/2019-09/schema")],
  };

  it("has a fixture for every rule", () => {
    expect(Object.keys(fixtures).sort()).toEqual(RULES.map((rule) => rule.name).sort());
  });

  it.each(Object.entries(fixtures))("%s", (name, [expected, edit, prepare]) => {
    const corrected = changesAfter(edit, prepare).filter((change) => change.rule === name);
    expect(corrected.length).toBeGreaterThan(0);
    for (const change of corrected) expect(change.type).toBe(expected);
    // The library alone says otherwise for at least one of them: the rule is what decides.
    expect(corrected.some((change) => change.libraryType !== expected)).toBe(true);
  });

  it("reports a change of a shared schema where operations use it, not again under components", () => {
    const changes = changesAfter((spec) => {
      // Dereferenced, a shared schema is both in components and inlined where it is used.
      spec.components.schemas.AuthenticationInvalidBody.properties.error.type = "integer";
      operation(spec).responses["401"].content["application/json"].schema.properties.error.type = "integer";
    });
    expect(changes.filter((change) => change.where.startsWith("components"))).toEqual([]);
    expect(changes.map((change) => change.where.split(" › ").slice(0, 2).join(" "))).toEqual(
      expect.arrayContaining([`paths ${PATH}`]),
    );
  });
});

describe("breaking changes", () => {
  it.each<[string, (spec: Json) => void, ((spec: Json) => void)?]>([
    ["removing a response", (spec) => delete operation(spec).responses["401"]],
    ["removing a response property", (spec) => {
      delete successSchema(spec).properties.message;
      successSchema(spec).required = ["status", "data"];
    }],
    ["removing a request enum value", (spec) => (requestSchema(spec).properties.alert_customer.enum = ["yes"])],
    ["making the body required", (spec) => (operation(spec).requestBody.required = true), (spec) => (operation(spec).requestBody.required = false)],
    ["making a request field required", (spec) => (requestSchema(spec).required = ["alert_customer"])],
    ["adding a required request field", (spec) => {
      requestSchema(spec).properties.reason = { type: "string" };
      requestSchema(spec).required = ["reason"];
    }],
    ["changing a parameter's type", (spec) => (spec.paths[PATH].parameters[0].schema.type = "integer")],
    ["changing a response property's type", (spec) => (successSchema(spec).properties.message.type = "integer")],
    ["changing a response constant", (spec) => (successSchema(spec).properties.data.properties.status.const = "canceled"), (spec) => (successSchema(spec).properties.data.properties.status.const = "cancelled")],
    // No rule of ours: api-smart-diff gets this one right on a dereferenced document.
    ["adding a value to a response enum", (spec) => {
      successSchema(spec).properties.data.properties.status = { type: "string", enum: ["cancelled", "pending"] };
    }],
    ["requiring another security scheme", (spec) => (operation(spec).security = [{ Other: [] }])],
    ["changing the method", (spec) => {
      const pathItem = spec.paths[PATH];
      pathItem.post = pathItem.put;
      delete pathItem.put;
    }],
  ])("%s", (_, edit, prepare) => {
    expect([...new Set(changesAfter(edit, prepare).map((change) => change.type))]).toContain("breaking");
  });
});

describe("changes that are not breaking", () => {
  it.each<[string, (spec: Json) => void]>([
    ["adding an optional request property", (spec) => (requestSchema(spec).properties.reason = { type: "string" })],
    ["adding a request enum value", (spec) => (requestSchema(spec).properties.alert_customer.enum = ["yes", "no", "later"])],
    ["changing a description", (spec) => (successSchema(spec).properties.message.description = "Reworded.")],
    ["changing the security scheme's description", (spec) => (spec.components.securitySchemes.KeepupApiKey.description = "Reworded.")],
    ["adding a required response field", (spec) => {
      successSchema(spec).properties.cancelled_at = { type: "string" };
      successSchema(spec).required = [...successSchema(spec).required, "cancelled_at"];
    }],
  ])("%s", (_, edit) => {
    expect(typesAfter(edit)).not.toContain("breaking");
  });

  it("reports no change for the same document", () => {
    expect(classifyChanges(base, structuredClone(base))).toEqual([]);
  });
});

describe("the breaking bump", () => {
  it.each([
    ["1.2.3", "2.0.0", true],
    ["1.2.3", "1.3.0", false],
    ["0.1.0", "0.2.0", true],
    ["0.1.0", "0.1.1", false],
    ["0.9.0", "1.0.0", true],
  ])("from %s to %s is breaking: %s", (from, to, expected) => {
    expect(isBreakingBump(from, to)).toBe(expected);
  });
});
