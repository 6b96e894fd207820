// The rendered docs, opened from disk in headless Chromium with every other host blocked.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };
import { resolveRef, type Operation } from "../../scripts/lib/operations.js";
import { operations, root } from "../helpers.js";

const docs = path.join(root, "dist", "docs", "index.html");

/** The rendered section of one operation. */
const sectionOf = (operationId: string) => page.locator(`[data-section-id$="/${operationId.toLowerCase()}"]`);
/** The code blocks (samples, response examples) of a section: those with a header of controls, unlike a field's example. */
const CODE_BLOCK = "[data-component-name='CodeBlock/CodeBlockControls'] ~ pre";
/** The tag an operation is listed under in the sidebar. */
const tagOf = ({ path, method }: Operation): string =>
  (spec.paths as unknown as Record<string, Record<string, { tags: string[] }>>)[path]![method.toLowerCase()]!.tags[0]!;

/** Opens an operation from the sidebar (Redoc renders only what is near the view). */
async function open(operation: Operation) {
  // The sidebar's entry ("<summary> <method>"), not the heading's anchor that may render beside it.
  const entry = page.getByRole("link", { name: new RegExp(`^${operation.summary}\\s+${operation.method}$`, "i") });
  // A tag folds and unfolds its group: click it only while the group is folded.
  if (!(await entry.isVisible())) await page.getByRole("link", { name: tagOf(operation), exact: true }).click();
  await entry.click();
  const section = sectionOf(operation.operationId);
  await section.getByRole("heading", { name: operation.summary }).waitFor();
  return section;
}

let browser: Browser;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(docs)) throw new Error("dist/docs/index.html is missing: run `npm run build` first");
  browser = await chromium.launch({
    executablePath: process.env.KEEPUP_CHROMIUM ?? "/usr/bin/chromium",
    timeout: 30_000, // Playwright's own default, 180 s, would outlast the hook
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(pathToFileURL(docs).href);
  await page.getByRole("heading", { name: "Authentication" }).waitFor();
}, 120_000); // three steps, each within Playwright's 30 s, which fails first naming it

afterAll(async () => {
  await browser?.close();
});

describe("the rendered docs", () => {
  it("show the API's description: what it is and how to guard the key", async () => {
    const text = await page.locator("body").innerText();
    expect(text).toContain(spec.info.title);
    expect(text).toContain("business settings page");
    expect(text).toMatch(/never use it in client-side/);
  });

  it.each(operations)("lead from the sidebar to $operationId, with its method, path, parameters and body", async (operation) => {
    const section = await open(operation);
    const text = await section.innerText();
    expect(text).toMatch(new RegExp(`${operation.method}\\s*\\n?\\s*${operation.path.replace(/[{}]/g, "\\$&")}`));
    for (const parameter of operation.parameters) expect(text).toContain(parameter.name);
    for (const example of Object.values(operation.requestBody?.examples ?? {})) {
      for (const field of Object.keys(example as object)) expect(text).toContain(field);
    }
  });

  it.each(operations)("offer every code sample of $operationId, each showing its own text", async (operation) => {
    const section = await open(operation);
    for (const sample of operation.codeSamples) {
      const button = section.locator("button[aria-haspopup]").filter({ hasText: /cURL|TypeScript|Node\.js|Python|PHP/ }).first();
      const item = page.getByRole("menuitem", { name: sample.label, exact: true });
      await button.click();
      // A click that lands while the last menu is still closing closes the new one: open it again,
      // but only if it is closed (a late menu on a loaded machine would be toggled shut).
      const opened = await item.waitFor({ timeout: 3_000 }).then(() => true, () => false);
      if (!opened && (await button.getAttribute("aria-expanded")) !== "true") await button.click();
      await item.click();
      await page.getByRole("menu").waitFor({ state: "hidden" });
      // Polled: the panel re-renders after the click.
      await expect.poll(async () => (await section.locator(CODE_BLOCK).first().innerText()).trim()).toBe(sample.source.trim());
    }
  });

  it.each(operations)("show every documented example of $operationId", async (operation) => {
    const section = await open(operation);
    const responseSample = section.locator(CODE_BLOCK).filter({ hasText: /"status": \d{3}/ }).first();
    for (const response of operation.responses) {
      const [example] = Object.values(response.examples) as Record<string, unknown>[];
      if (example === undefined) continue; // KeepUp shows none: the docs show the schema's shape
      await section.getByRole("tab", { name: response.status, exact: true }).first().click();
      // Deep objects render folded ("{ … }"): the envelope's own fields are what can be read whole.
      for (const [field, value] of Object.entries(example).filter(([, value]) => typeof value !== "object")) {
        await expect.poll(() => responseSample.innerText()).toContain(`"${field}": ${JSON.stringify(value)}`);
      }
    }
    fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
    await section.screenshot({ path: path.join(root, "test-results", `docs-${operation.operationId}.png`) });
  });

  const withRequestExamples = operations.filter((operation) => Object.keys(operation.requestBody?.examples ?? {}).length > 0);
  it.each(withRequestExamples)("preselect, for $operationId, the request example that its code samples send", async (operation) => {
    const examples = Object.entries(operation.requestBody!.examples);
    const [name, body] = examples[0]!;
    const section = await open(operation);
    const pathItem = (spec.paths as Record<string, Record<string, { requestBody?: unknown }>>)[operation.path]!;
    const content = resolveRef(spec, pathItem[operation.method.toLowerCase()]!.requestBody).content["application/json"];
    // With one example there is no picker: that one is shown.
    if (examples.length > 1) {
      const picker = section.getByRole("button", { name: "Example" }).first();
      await expect.poll(() => picker.innerText()).toBe(resolveRef(spec, content.examples[name]).summary);
    }
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const sample of operation.codeSamples.filter(({ label }) => !label.startsWith("TypeScript"))) {
      // Each field the example sends, with its value (arrays and objects aside, and Sales' items: the
      // samples write them in each language's own syntax, or JSON-encode them in code).
      for (const [field, value] of Object.entries(body as object).filter(([, value]) => typeof value !== "object" && !String(value).startsWith("["))) {
        expect(sample.source).toMatch(new RegExp(`${field}\\W+${escape(String(value))}(?!\\w)`));
      }
    }
  });

  it("show no markdown as raw text, and no attribution left empty", async () => {
    const text = await page.locator("body").innerText();
    expect(text).not.toContain("`");
    expect(text).not.toMatch(/API docs by/);
    const attribution = page.locator('a[href="https://redocly.com/redoc/"]');
    expect(await attribution.count()).toBe(1);
    expect(await attribution.evaluate((link) => link.parentElement!.getBoundingClientRect().height)).toBe(0);
  });

  it.each(operations)("keep every line of $operationId's samples clear of the copy button", async (operation) => {
    const section = await open(operation);
    const overlaps = await section.evaluate((element, selector) =>
      [...element.querySelectorAll(selector)].flatMap((pre) => {
        const box = pre.getBoundingClientRect();
        const textRight = box.right - parseFloat(getComputedStyle(pre).paddingRight);
        return [...pre.parentElement!.parentElement!.querySelectorAll("button")]
          .map((button) => button.getBoundingClientRect())
          .filter((button) => button.width > 0 && button.top < box.top + 30 && button.bottom > box.top && button.left < textRight)
          .map((button) => `${button.left} < ${textRight}`);
      }),
      CODE_BLOCK,
    );
    expect(overlaps).toEqual([]);
  });

  it("wrap long code lines instead of cutting them off", async () => {
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll("pre")].filter((pre) => pre.scrollWidth > pre.clientWidth + 1 && getComputedStyle(pre).overflowX !== "auto").length,
    );
    expect(await page.locator("pre").count()).toBeGreaterThan(0);
    expect(overflowing).toBe(0);
  });

  it("turn reader telemetry off", () => {
    expect(fs.readFileSync(docs, "utf8")).toContain('const __redoc_options = {"disableTelemetry":true,');
  });

  it("made no request to any other host and logged no console error", () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
