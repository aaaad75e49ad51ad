/** `npm run build [-- --content DIR --output DIR --base-url URL --path-prefix /name/]` */
import { build } from "../build.ts";
import { formatIssue } from "../content/errors.ts";
import { isContentFolder } from "../content/load.ts";
import { SITE_ORIGIN_EXPECTED, isSiteOrigin, normalisePathPrefix } from "../content/schema.ts";
import { DEFAULTS } from "../options.ts";
import { buildInstant } from "../plugins/build-options.ts";
import { terminalProgress } from "./progress.ts";
import { EXIT, UsageError, parseOptions, runCommand } from "./run.ts";

const USAGE =
  "npm run build -- [--content DIR] [--output DIR] [--base-url URL] [--path-prefix /name/] [--shard-pages N] [--index-jobs N]";

/** Warnings a build prints before it only counts the rest. */
const SHOWN_WARNINGS = 20;

await runCommand(USAGE, async () => {
  const values = parseOptions(process.argv.slice(2), {
    content: { type: "string", default: DEFAULTS.contentDir },
    output: { type: "string", default: DEFAULTS.outputDir },
    "base-url": { type: "string" },
    "path-prefix": { type: "string" },
    "shard-pages": { type: "string" },
    "index-jobs": { type: "string" },
  });
  if (!isContentFolder(values.content)) {
    throw new UsageError(`content folder not found: ${values.content}`);
  }
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    throw new UsageError(
      `--base-url: expected an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`,
    );
  }
  if (baseUrl !== undefined && !isSiteOrigin(baseUrl)) {
    throw new UsageError(`--base-url: ${SITE_ORIGIN_EXPECTED}, got ${JSON.stringify(baseUrl)}`);
  }
  const rawPrefix = values["path-prefix"];
  const pathPrefix = rawPrefix === undefined ? undefined : normalisePathPrefix(rawPrefix);
  if (rawPrefix !== undefined && pathPrefix === undefined) {
    throw new UsageError(
      `--path-prefix: expected a path like /name/, got ${JSON.stringify(rawPrefix)}`,
    );
  }

  const shardPages = positiveInteger(values["shard-pages"], "--shard-pages");
  const indexJobs = positiveInteger(values["index-jobs"], "--index-jobs");
  const progress = terminalProgress();
  const report = await build({
    ...(progress ? { progress } : {}),
    contentDir: values.content,
    outputDir: values.output,
    now: buildInstant(),
    ...(baseUrl ? { baseUrl } : {}),
    ...(pathPrefix ? { pathPrefix } : {}),
    ...(shardPages ? { shardPages } : {}),
    ...(indexJobs ? { indexJobs } : {}),
  }).finally(() => progress?.close());
  // A large board can carry thousands of warnings (untranslated notices); `npm run check` lists all.
  for (const warning of report.warnings.slice(0, SHOWN_WARNINGS))
    console.error(formatIssue(warning));
  if (report.warnings.length > SHOWN_WARNINGS) {
    const more = report.warnings.length - SHOWN_WARNINGS;
    console.error(`... and ${String(more)} more warnings: npm run check lists them all.`);
  }
  for (const line of report.kept) console.error(`warning: ${line}`);
  console.log(
    `Built ${String(report.notices)} notices (${String(report.pages)} pages, ${String(report.search.shards)} search shards, ${String(report.search.reused)} kept${report.search.repaired > 0 ? `, ${String(report.search.repaired)} rebuilt because ${report.search.repaired === 1 ? "its" : "their"} files were damaged` : ""}) into ${values.output} in ${(report.milliseconds / 1000).toFixed(1)} s`,
  );
  return EXIT.ok;
});

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new UsageError(
      `${option}: expected a whole number of 1 or more, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}
