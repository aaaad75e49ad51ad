/**
 * `npm run check` without the command line: validates a content folder and says how it went,
 * in the forms editors and CI read. Nothing is rendered, so it stays fast on large boards.
 */
import { resolve } from "node:path";
import type { ContentIssue } from "./errors.ts";
import { formatIssue } from "./errors.ts";
import { loadContent } from "./load.ts";

/** The outcome of checking one content folder. */
export interface CheckReport {
  /** Notice files that are valid (every language). */
  readonly notices: number;
  readonly errors: number;
  readonly warnings: number;
  /** Errors first, then warnings, each in file and line order. */
  readonly issues: readonly ContentIssue[];
  readonly milliseconds: number;
}

/** Validates every notice and data file of `contentDir`; `now` decides what is scheduled. */
export function checkContent(contentDir: string, now: number = Date.now()): CheckReport {
  const started = performance.now();
  const content = loadContent(resolve(contentDir), { now });
  const issues = [...content.issues].sort(compareIssues);
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return {
    notices: content.notices.length,
    errors,
    warnings: issues.length - errors,
    issues,
    milliseconds: performance.now() - started,
  };
}

function compareIssues(a: ContentIssue, b: ContentIssue): number {
  if (a.severity !== b.severity) return a.severity === "error" ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

/** Output formats of `npm run check`. */
export const CHECK_FORMATS = ["text", "json", "github"] as const;

/** One of CHECK_FORMATS. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The report as `npm run check` prints it in `format`. */
export function formatCheckReport(report: CheckReport, format: CheckFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(
        {
          notices: report.notices,
          errors: report.errors,
          warnings: report.warnings,
          issues: report.issues.map((issue) => ({
            file: issue.file,
            line: issue.line ?? null,
            key: issue.key,
            severity: issue.severity,
            message: issue.message,
          })),
        },
        null,
        2,
      );
    case "github":
      return [...report.issues.map(githubAnnotation), summary(report)].join("\n");
    case "text":
      return [...report.issues.map(formatIssue), summary(report)].join("\n");
  }
}

function summary(report: CheckReport): string {
  const plural = (n: number, word: string) => `${String(n)} ${word}${n === 1 ? "" : "s"}`;
  const seconds = (report.milliseconds / 1000).toFixed(2);
  return `Checked ${plural(report.notices, "valid notice")} in ${seconds} s: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}.`;
}

// GitHub's workflow commands: https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
function githubAnnotation(issue: ContentIssue): string {
  const escapeData = (text: string) =>
    text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
  const escapeProperty = (text: string) =>
    escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
  const properties = [
    `file=${escapeProperty(issue.file)}`,
    ...(issue.line === undefined ? [] : [`line=${String(issue.line)}`]),
    `title=${escapeProperty(issue.key)}`,
  ];
  return `::${issue.severity} ${properties.join(",")}::${escapeData(issue.message)}`;
}
