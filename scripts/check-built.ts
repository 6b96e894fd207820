// `npm pack` and `npm publish` run this first (prepack): it refuses to pack a dist/ that is
// missing or older than what it is built from, which would make a package without its code.
import { BUILT_FROM, staleness } from "./lib/built.js";

const problems = Object.keys(BUILT_FROM).filter((output) => output.startsWith("dist/index")).map(staleness).filter(Boolean);
if (problems.length > 0) {
  console.error(`npm pack: ${problems.join("; ")}`);
  process.exit(1);
}
