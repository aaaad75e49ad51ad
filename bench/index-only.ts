/**
 * `tsx bench/index-only.ts SITE_DIR`: indexes an already rendered site the way a Sosik build
 * does (src/search/index-writer.ts, every shard afresh), so the bench can time indexing alone.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { noticePages, writeSearchIndex } from "../src/search/index-writer.ts";

const site = process.argv[2];
if (site === undefined) {
  console.error("usage: tsx bench/index-only.ts SITE_DIR");
  process.exit(2);
}
const rendered = readdirSync(site, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(`${sep}index.html`))
  .map((file) => ({
    url: `/${file
      .split(sep)
      .join("/")
      .replace(/index\.html$/, "")}`,
    content: readFileSync(join(site, file), "utf8"),
  }));
const report = await writeSearchIndex(noticePages(rendered), site);
console.log(`indexed ${String(report.pages)} pages in ${String(report.shards)} shards`);
