/** `npm run build [-- --content DIR --output DIR --base-url URL --path-prefix /name/]` */
import { build } from "../build-site.ts";
import { formatIssue } from "../content/errors.ts";
import { isContentFolder } from "../content/load.ts";
import {
  SITE_ORIGIN_EXPECTED,
  addressProblem,
  readPathPrefix,
  readSiteOrigin,
} from "../content/schema.ts";
import type { AddressReading } from "../content/schema.ts";
import { DEFAULTS } from "../options.ts";
import { buildInstant } from "../plugins/build-options.ts";
import { terminalProgress } from "./progress-line.ts";
import { EXIT, UsageError, parseOptions, runCommand } from "./run.ts";

const USAGE =
  "npm run build -- [--content DIR] [--output DIR] [--base-url URL] [--path-prefix /name/] [--shard-pages N] [--index-jobs N] [--render-only]";

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
    // Measuring rendering alone (npm run bench): the site is published without search.
    "render-only": { type: "boolean", default: false },
  });
  if (!isContentFolder(values.content)) {
    throw new UsageError(`content folder not found: ${values.content}`);
  }
  const baseUrl = optionAddress(
    values["base-url"],
    "--base-url",
    readSiteOrigin,
    SITE_ORIGIN_EXPECTED,
  );
  const pathPrefix = optionAddress(
    values["path-prefix"],
    "--path-prefix",
    readPathPrefix,
    "expected a path like /name/",
  );

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
    ...(values["render-only"] ? { searchIndex: false } : {}),
  }).finally(() => progress?.close());
  // A large board can carry thousands of warnings (untranslated notices); `npm run check` lists all.
  for (const warning of report.warnings.slice(0, SHOWN_WARNINGS))
    console.error(formatIssue(warning));
  if (report.warnings.length > SHOWN_WARNINGS) {
    const more = report.warnings.length - SHOWN_WARNINGS;
    console.error(`... and ${String(more)} more warnings: npm run check lists them all.`);
  }
  for (const line of report.keptVersions) console.error(`warning: ${line}`);
  if (report.heapRetry !== undefined) {
    console.error(
      `note: rendering needed more memory than the ${String(report.heapRetry)} MiB estimated for this content, so it was done again with Node's own limit; NODE_OPTIONS=--max-old-space-size=<MiB> sets the limit yourself`,
    );
  }
  console.log(
    `Built ${String(report.notices)} notices (${String(report.pages)} pages${report.kept > 0 ? `, ${String(report.kept)} of them unchanged since the last build` : ""}, ${String(report.search.shards)} search shards, ${String(report.search.reused)} kept${report.search.repaired > 0 ? `, ${String(report.search.repaired)} rebuilt because ${report.search.repaired === 1 ? "its" : "their"} files were damaged` : ""}) into ${values.output} in ${(report.milliseconds / 1000).toFixed(1)} s`,
  );
  return EXIT.ok;
});

/** An address option read by the same rules as its key in site.json; refused with a usage error. */
function optionAddress(
  value: string | undefined,
  option: string,
  read: (value: string) => AddressReading,
  expected: string,
): string | undefined {
  if (value === undefined) return undefined;
  const reading = read(value);
  if (!reading.ok) {
    throw new UsageError(`${option}: ${addressProblem(expected, value, reading.why)}`);
  }
  return reading.value;
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new UsageError(
      `${option}: expected a whole number of 1 or more, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}
