/** What every Sosik command shares: option parsing, usage errors and exit codes. */
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { ContentError, formatIssue } from "../content/errors.ts";
import { LANGS, isLang } from "../options.ts";
import type { Lang } from "../options.ts";
import { EXIT, EnvironmentError, StepError, UsageError, findCause, knownError } from "../errors.ts";

export { EXIT, UsageError, findCause };

/** The `--lang` option of a command: required, `ko` or `en`. */
export function langOption(value: string | undefined): Lang {
  if (value !== undefined && isLang(value)) return value;
  throw new UsageError(
    value === undefined
      ? `--lang is required: ${LANGS.join(" or ")}`
      : `--lang: expected ${LANGS.join(" or ")}, got ${JSON.stringify(value)}`,
  );
}

/** Parses options strictly: unknown options and stray arguments are usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    // `--port -1`: Node reads -1 as an option of its own and calls the argument "ambiguous".
    const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message)?.[1];
    if (ambiguous !== undefined) {
      const value = args[args.indexOf(ambiguous) + 1] ?? "";
      throw new UsageError(
        `${ambiguous}: its value ${JSON.stringify(value)} starts with "-" and reads as another option; write ${ambiguous}=${value} if it is the value`,
        { cause: error },
      );
    }
    throw new UsageError(message.replace(/\. To specify.*$/, ""), { cause: error });
  }
}

/**
 * Runs a command's main function and turns its outcome into an exit code by the error's class:
 * usage errors print the usage line, content errors list every issue, step and environment
 * failures print their one line, anything else is a bug with its stack.
 */
export async function runCommand(usage: string, main: () => Promise<number>): Promise<void> {
  let reported = false;
  const fail = (thrown: unknown) => {
    if (reported) return;
    reported = true;
    reportFailure(thrown, usage);
  };
  // Eleventy can reject a promise nobody awaits (a passthrough copy on a full disk): the
  // command ends the same way as for an error its main function throws.
  const failNow = (thrown: unknown) => {
    fail(thrown);
    process.exit();
  };
  process.on("unhandledRejection", failNow);
  process.on("uncaughtException", failNow);
  try {
    process.exitCode = await main();
  } catch (thrown) {
    fail(thrown);
  }
}

function reportFailure(thrown: unknown, usage: string): void {
  const error = knownError(thrown, "cannot read or write files");
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\nusage: ${usage}`);
  } else if (error instanceof ContentError) {
    printIssues(error.issues);
  } else if (error instanceof EnvironmentError) {
    console.error(
      `error: ${error.message}\nNothing was published; the previous site is as it was.`,
    );
  } else if (error instanceof StepError) {
    console.error(`error: ${error.message}\nThe build failed; nothing was published.`);
  } else if (error) {
    console.error(`error: ${error.message}`);
  } else {
    console.error("Sosik failed unexpectedly; this is a bug:");
    console.error(thrown);
  }
  process.exitCode = error?.exitCode ?? EXIT.bug;
}

/** Prints issues, errors first, then a count. */
export function printIssues(issues: ContentError["issues"]): void {
  const errors = issues.filter((issue) => issue.severity === "error");
  const warnings = issues.filter((issue) => issue.severity === "warning");
  for (const issue of [...errors, ...warnings]) console.error(formatIssue(issue));
  const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? "" : "s"}`;
  if (errors.length > 0) {
    console.error(
      `${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}: nothing was published.`,
    );
  }
}
