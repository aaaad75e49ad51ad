/** What every Sosik command shares: option parsing, usage errors and exit codes. */
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { ContentError, formatIssue } from "../content/errors.ts";

/** Exit codes of the command contract: 3 is a failed step (search indexing), 4 a bug. */
export const EXIT = Object.freeze({ ok: 0, content: 1, usage: 2, failed: 3, bug: 4 });

/** Errors whose message is all a reader needs: printed alone, without a stack. */
const STEP_FAILURES = new Set(["SearchIndexError"]);

/** The first error in a chain of causes (Eleventy wraps what plugins throw) that `accept` takes. */
export function findCause(error: unknown, accept: (candidate: Error) => boolean): Error | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    if (accept(current)) return current;
    seen.add(current);
    const wrapped = current as Error & { originalError?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return undefined;
}

/** Wrong use of a command: printed with its usage line, exit 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
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
    throw new UsageError(message.replace(/\. To specify.*$/, ""), { cause: error });
  }
}

/**
 * Runs a command's main function and turns its outcome into an exit code: usage errors print
 * the usage line, content errors list every issue, anything else is a bug with its stack.
 */
export async function runCommand(usage: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const content = findCause(error, (e) => e instanceof ContentError);
    const step = findCause(error, (e) => STEP_FAILURES.has(e.name));
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\nusage: ${usage}`);
      process.exitCode = EXIT.usage;
    } else if (content instanceof ContentError) {
      printIssues(content.issues);
      process.exitCode = EXIT.content;
    } else if (step) {
      console.error(`error: ${step.message}\nThe build failed; nothing was published.`);
      process.exitCode = EXIT.failed;
    } else {
      console.error("Sosik failed unexpectedly; this is a bug:");
      console.error(error);
      process.exitCode = EXIT.bug;
    }
  }
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
