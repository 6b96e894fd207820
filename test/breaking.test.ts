// Fixture pairs: the released contract against edited copies, classified by the gate's rules.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { classifyChanges, dereference } from "../scripts/lib/breaking.mjs";
import { isBreakingBump } from "../scripts/lib/releases.mjs";

type Json = Record<string, any>;
let base: Json;
beforeAll(async () => {
  base = await dereference(path.resolve(import.meta.dirname, "..", "generated", "openapi.json"));
}, 30_000); // runs Redocly in a child process

const operation = (spec: Json) => spec.paths["/sales/cancel/{sale_id}"].put;
const requestSchema = (spec: Json) => operation(spec).requestBody.content["application/json"].schema;
const successSchema = (spec: Json) => operation(spec).responses["200"].content["application/json"].schema;

function typesAfter(edit: (spec: Json) => void): string[] {
  const after = structuredClone(base);
  edit(after);
  const changes = classifyChanges(base, after);
  expect(changes.length).toBeGreaterThan(0);
  return [...new Set(changes.map((change) => change.type))];
}

describe("breaking changes", () => {
  it.each<[string, (spec: Json) => void]>([
    ["removing a response", (spec) => delete operation(spec).responses["401"]],
    ["removing a response property", (spec) => {
      delete successSchema(spec).properties.message;
      successSchema(spec).required = ["status", "data"];
    }],
    ["removing a request property (the body schema is closed)", (spec) => delete requestSchema(spec).properties.alert_customer],
    ["removing a request enum value", (spec) => (requestSchema(spec).properties.alert_customer.enum = ["yes"])],
    ["making the body required", (spec) => (operation(spec).requestBody.required = true)],
    ["making a request field required", (spec) => (requestSchema(spec).required = ["alert_customer"])],
    ["adding a required request field", (spec) => {
      requestSchema(spec).properties.reason = { type: "string" };
      requestSchema(spec).required = ["reason"];
    }],
    ["changing a parameter's type", (spec) => (spec.paths["/sales/cancel/{sale_id}"].parameters[0].schema.type = "integer")],
    ["changing a response property's type", (spec) => (successSchema(spec).properties.message.type = "integer")],
    ["changing a response constant", (spec) => (successSchema(spec).properties.data.properties.status.const = "canceled")],
    ["changing the method", (spec) => {
      const pathItem = spec.paths["/sales/cancel/{sale_id}"];
      pathItem.post = pathItem.put;
      delete pathItem.put;
    }],
  ])("%s", (_, edit) => {
    expect(typesAfter(edit)).toContain("breaking");
  });
});

describe("changes that are not breaking", () => {
  it.each<[string, (spec: Json) => void]>([
    ["adding an optional request property", (spec) => (requestSchema(spec).properties.reason = { type: "string" })],
    ["adding a request enum value", (spec) => (requestSchema(spec).properties.alert_customer.enum = ["yes", "no", "later"])],
    ["adding an example", (spec) => {
      operation(spec).responses["200"].content["application/json"].examples.another = {
        value: { status: 200, message: "sale cancelled", data: { status: "cancelled" } },
      };
    }],
    ["changing a description", (spec) => (successSchema(spec).properties.message.description = "Reworded.")],
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
