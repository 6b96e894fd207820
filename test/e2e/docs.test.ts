// The rendered docs, opened from disk in headless Chromium with every other host blocked.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import spec from "../../generated/openapi.json" with { type: "json" };

const root = path.resolve(import.meta.dirname, "..", "..");
const docs = path.join(root, "dist", "docs", "index.html");
const operation = spec.paths["/sales/cancel/{sale_id}"].put;

let browser: Browser;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(docs)) throw new Error("dist/docs/index.html is missing: run `npm run build` first");
  browser = await chromium.launch({
    executablePath: process.env.KEEPUP_CHROMIUM ?? "/usr/bin/chromium",
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
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("the rendered docs", () => {
  it("show the API's description: what it is and how to guard the key", async () => {
    const text = await page.locator("body").innerText();
    expect(text).toContain("KeepUp Sales API");
    expect(text).toContain("business settings page");
    expect(text).toMatch(/never use it in client-side/);
  });

  it("lead from the sidebar to the operation, with its PUT method, parameter and body", async () => {
    await page.getByRole("link", { name: "Sales", exact: true }).click();
    // The sidebar's entry ("<summary> put"), not the heading's anchor that may render beside it.
    await page.getByRole("link", { name: new RegExp(`^${operation.summary}\\s+put$`, "i") }).click();
    await page.getByRole("heading", { name: operation.summary }).waitFor();
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/PUT\s*\n?\s*\/sales\/cancel\/\{sale_id\}/);
    expect(text).toContain("sale_id");
    expect(text).toContain("alert_customer");
    expect(text).toContain("irreversible");
  });

  it("offer every code sample, each showing its own text", async () => {
    for (const sample of operation["x-codeSamples"]) {
      await page.locator("button[aria-haspopup]").filter({ hasText: /cURL|TypeScript|Node\.js|Python|PHP/ }).first().click();
      await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
      // Polled: the panel re-renders after the click.
      await expect.poll(async () => (await page.locator("pre").first().innerText()).trim()).toBe(sample.source.trim());
    }
  });

  it("show the 200 and 401 examples", async () => {
    const responseSample = page.locator("pre").filter({ hasText: /"status": \d{3}/ });
    const shownExample = async () => JSON.parse(await responseSample.first().innerText());
    await page.getByRole("tab", { name: "200" }).first().click();
    await expect.poll(shownExample).toEqual({ status: 200, message: "sale cancelled", data: { status: "cancelled" } });
    await page.getByRole("tab", { name: "401" }).first().click();
    await expect.poll(shownExample).toEqual({ status: 401, error: "Authentication invalid" });
    fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
    await page.screenshot({ path: path.join(root, "test-results", "docs.png") });
  });

  it("turn reader telemetry off", () => {
    expect(fs.readFileSync(docs, "utf8")).toContain('const __redoc_options = {"disableTelemetry":true,');
  });

  it("made no request to any other host and logged no console error", () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
