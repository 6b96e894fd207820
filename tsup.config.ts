import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", schema: "src/schema.ts" },
  format: ["esm", "cjs"],
  dts: true,
  // Everything but dist/docs/, which is built beside it, at the same time.
  clean: ["!docs/**"],
  target: "es2022",
  platform: "neutral",
  external: ["openapi-fetch"],
  sourcemap: false,
});
