/** `npm run check [-- --content DIR] [--format text|json|github]`: validate content, render nothing. */
import { CHECK_FORMATS, checkContent, formatCheckReport } from "../content/check-report.ts";
import type { CheckFormat } from "../content/check-report.ts";
import { isContentFolder } from "../content/load.ts";
import { DEFAULTS } from "../options.ts";
import { buildInstant } from "../plugins/build-options.ts";
import { EXIT, UsageError, parseOptions, runCommand } from "./run.ts";

const USAGE = `npm run check -- [--content DIR] [--format ${CHECK_FORMATS.join("|")}]`;

await runCommand(USAGE, () => {
  const values = parseOptions(process.argv.slice(2), {
    content: { type: "string", default: DEFAULTS.contentDir },
    format: { type: "string", default: "text" },
  });
  const format = values.format;
  if (!isCheckFormat(format)) {
    throw new UsageError(
      `--format: expected one of ${CHECK_FORMATS.join(", ")}, got ${JSON.stringify(format)}`,
    );
  }
  if (!isContentFolder(values.content)) {
    throw new UsageError(`content folder not found: ${values.content}`);
  }
  // The same "now" as a build, so SOURCE_DATE_EPOCH decides what counts as scheduled.
  const report = checkContent(values.content, buildInstant());
  console.log(formatCheckReport(report, format));
  return Promise.resolve(report.errors > 0 ? EXIT.content : EXIT.ok);
});

function isCheckFormat(value: string): value is CheckFormat {
  return (CHECK_FORMATS as readonly string[]).includes(value);
}
