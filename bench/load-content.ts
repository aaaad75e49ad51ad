/**
 * Stand-in for `npm run check` while src/cli/check.ts does not exist: reads and validates a
 * content folder with the same loader the build uses, and exits 1 when it has errors.
 */
import { loadContent } from "../src/content/load.ts";

const contentDir = process.argv[2];
if (contentDir === undefined) {
  console.error("usage: tsx bench/load-content.ts CONTENT_DIR");
  process.exit(2);
}
const content = loadContent(contentDir);
const errors = content.issues.filter((issue) => issue.severity === "error");
console.log(`${String(content.notices.length)} notices, ${String(errors.length)} errors`);
process.exitCode = errors.length > 0 ? 1 : 0;
