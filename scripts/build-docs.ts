// Renders dist/docs/index.html with `redocly build-docs`: one self-contained file that makes
// no request to any other host when opened.
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { API, redocly, root } from "./lib/steps.js";

export const docsFile = path.join(root, "dist", "docs", "index.html");

// Redoc still points its attribution logo and icon sets at Redocly's CDNs. An empty data:
// URL makes them fail to load; the attribution, its logo gone, would be a pill reading "API
// docs by" with nothing after it, so it is hidden whole.
const CDN_URL = /https:\/\/cdn\.redoc(?:ly\.com|\.ly)\/[^`"'\s)]*/g;
// Long sample lines wrap rather than run out of their panel, and never under the copy button
// in the panel's top right corner.
const STYLE =
  `<style>:has(> a[href="https://redocly.com/redoc/"]){display:none!important}` +
  `pre,pre code{white-space:pre-wrap!important;overflow-wrap:anywhere!important}pre{padding-right:48px!important}</style>`;
// Reader telemetry off. Redoc reads this option, but Redocly's config schema does not list it
// (redocly.yaml would warn), and an --openapi.* flag would drop redocly.yaml's options.
const OPTIONS = "const __redoc_options = {";

export async function buildDocs() {
  const spec = JSON.parse(await fs.readFile(path.join(root, "generated", "openapi.json"), "utf8"));
  const title = `${spec.info.title} ${spec.info.version}`;
  await fs.mkdir(path.dirname(docsFile), { recursive: true });
  await redocly(["build-docs", API, "--inlineBundle", "--title", title, "--output", docsFile]);
  const html = await fs.readFile(docsFile, "utf8");
  if (!html.includes(OPTIONS)) throw new Error(`${docsFile}: no \`${OPTIONS}\` to turn telemetry off in`);
  if (!html.includes("</head>")) throw new Error(`${docsFile}: no </head> to add the style to`);
  await fs.writeFile(
    docsFile,
    html
      .replace(CDN_URL, "data:,")
      .replace(OPTIONS, `${OPTIONS}"disableTelemetry":true,`)
      .replace("</head>", `${STYLE}</head>`),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildDocs();
