/**
 * The baseline the targets are measured against: the same corpus as a minimal Eleventy 3 site
 * (plain Markdown files, one Nunjucks layout, Eleventy's defaults otherwise), indexed by the
 * Pagefind CLI. It is what a team would get from the Eleventy and Pagefind docs in an hour.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CorpusNotice } from "./corpus.ts";

const CONFIG = `// Minimal Eleventy 3 site for the Sosik benchmark baseline.
export default function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "notice.njk");
}
export const config = { dir: { input: "src", output: "_site" } };
`;

const LAYOUT = `<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ page.date.toISOString().slice(0, 10) }} · {{ ministry }} · {{ readCount }}</p>
{{ content | safe }}
</main>
</body>
</html>
`;

/** Front matter Eleventy understands: title, date and the extra keys the layout prints. */
function baselineSource(notice: CorpusNotice): string {
  return [
    "---",
    `title: ${JSON.stringify(notice.title)}`,
    `date: ${notice.day}`,
    `ministry: ${notice.ministry}`,
    `readCount: ${String(notice.readCount)}`,
    "---",
    notice.body,
  ].join("\n");
}

/** Writes the baseline site into `dir` (config, layout, one Markdown file a published notice). */
export async function writeBaselineSite(
  notices: readonly CorpusNotice[],
  dir: string,
): Promise<void> {
  await mkdir(join(dir, "src", "_includes"), { recursive: true });
  await writeFile(join(dir, "eleventy.config.mjs"), CONFIG);
  await writeFile(join(dir, "src", "_includes", "notice.njk"), LAYOUT);
  for (const lang of ["ko", "en"]) {
    await mkdir(join(dir, "src", lang, "notices"), { recursive: true });
    await writeFile(join(dir, "src", lang, `${lang}.json`), JSON.stringify({ lang }));
  }
  for (const notice of notices) {
    if (notice.draft) continue;
    await writeFile(
      join(dir, "src", notice.lang, "notices", `${notice.slug}.md`),
      baselineSource(notice),
    );
  }
}
