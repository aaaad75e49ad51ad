/** Content problems: one per file and key, collected over a whole build before it fails. */
import { EXIT, SosikError } from "../errors.ts";

/** One problem in one content file. */
export interface ContentIssue {
  /** Path of the file, relative to the working directory, with forward slashes. */
  readonly file: string;
  /** 1-based line of the key in the file, when it can be known. */
  readonly line?: number;
  /** The front-matter key (or `front matter`, `file name`, ...) the problem is about. */
  readonly key: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** Errors fail the build; warnings are printed only. */
  readonly severity: "error" | "warning";
}

/** `path:line: key: message`, the form editors and CI annotations read. */
export function formatIssue(issue: ContentIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${String(issue.line)}`;
  const prefix = issue.severity === "warning" ? "warning: " : "";
  return `${where}: ${prefix}${issue.key}: ${issue.message}`;
}

/** Thrown when content has errors; carries every issue so all of them can be listed at once. */
export class ContentError extends SosikError {
  /** Every problem found, errors and warnings. */
  readonly issues: readonly ContentIssue[];

  constructor(issues: readonly ContentIssue[], options?: ErrorOptions) {
    const errors = issues.filter((issue) => issue.severity === "error");
    super(
      `${String(errors.length)} content error${errors.length === 1 ? "" : "s"}:\n` +
        errors.map(formatIssue).join("\n"),
      EXIT.content,
      options,
    );
    this.issues = issues;
  }
}

/** Describes a value found in front matter for an error message: `"23/07/2018"`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  return typeof value === "object" ? "a mapping of keys" : typeof value;
}
