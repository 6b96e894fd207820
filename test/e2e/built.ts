// The end-to-end suites test what `npm run build` (or `npm test`) last built. A build that is
// missing, or older than what it is built from, is refused rather than tested.
import { BUILT_FROM, staleness } from "../../scripts/lib/built.js";

export default function setup() {
  for (const output of Object.keys(BUILT_FROM)) {
    const problem = staleness(output);
    if (problem) throw new Error(problem);
  }
}
