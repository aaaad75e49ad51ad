/**
 * `npm run reference [-- --check]`: writes the front-matter reference generated from the schema
 * into the editors' guide and the README; with --check, only says whether they are up to date.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../src/build-site.ts";
import { withReference } from "../src/content/reference.ts";
import { EXIT, parseOptions, runCommand } from "../src/cli/run.ts";

/** Files that carry the generated reference between its markers. */
const FILES = ["docs/editing.md", "README.md"];

await runCommand("npm run reference -- [--check]", () => {
  const { check } = parseOptions(process.argv.slice(2), {
    check: { type: "boolean", default: false },
  });
  let stale = 0;
  for (const file of FILES) {
    const path = join(PROJECT_ROOT, file);
    const text = readFileSync(path, "utf8");
    const updated = withReference(text);
    if (updated === text) continue;
    stale++;
    if (check) {
      console.error(
        `${file}: the front-matter reference differs from the schema; run npm run reference`,
      );
    } else {
      writeFileSync(path, updated);
      console.log(`Updated the front-matter reference in ${file}`);
    }
  }
  return Promise.resolve(check && stale > 0 ? EXIT.content : EXIT.ok);
});
