import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, SAMPLE_CONTENT, makeContent, noticeFile, runCli } from "../helpers/site.ts";

const BROKEN = join(ROOT, "tests/fixtures/broken");

/** One issue as `npm run check -- --format json` prints it. */
interface JsonIssue {
  readonly file: string;
  readonly line: number | null;
  readonly key: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** The whole `--format json` report. */
interface JsonReport {
  readonly notices: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly JsonIssue[];
}

describe("npm run check", () => {
  it("passes the sample content, printing its warnings and a summary", async () => {
    const result = await runCli("check", ["--content", SAMPLE_CONTENT]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^\S+\/ko\/notices\/2023-07-20-resident-registration-status-survey\.md: warning: translation: no English translation/m,
    );
    assert.match(
      result.stdout,
      /^Checked \d+ valid notices in \d+\.\d\d s: 0 errors, \d+ warnings\.$/m,
    );
  });

  it("lists every error as path:line: key: message and exits 1", async () => {
    const result = await runCli("check", ["--content", BROKEN]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const expected = [
      'tests/fixtures/broken/en/notices/2018-07-23-ogp.md:3: date: expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "23/07/2018"',
      'tests/fixtures/broken/en/notices/2018-07-23-ogp.md:4: readCount: expected a whole number like 16869 (no commas), got "16,869"',
      "tests/fixtures/broken/en/notices/2019-01-02-no-title.md: title: required",
      "tests/fixtures/broken/en/notices/Notice_About_Things.md: file name: expected YYYY-MM-DD-words-in-ascii.md",
      "tests/fixtures/broken/ko/notices/2019-01-04-attachment.md:5: layout: unknown key",
      'tests/fixtures/broken/ko/notices/2019-01-04-attachment.md:7: attachments.0.file: file not found: "attachments/missing.hwp"',
      "tests/fixtures/broken/ko/notices/2019-01-05-valid.md: warning: translation: no English translation",
    ];
    const lines = result.stdout.split("\n");
    for (const line of expected) {
      assert.ok(
        lines.some((printed) => printed.startsWith(line)),
        `stdout should have a line starting\n  ${line}\ngot\n${result.stdout}`,
      );
    }
    assert.match(result.stdout, /^Checked 1 valid notice in \d+\.\d\d s: 8 errors, 1 warning\.$/m);
    const firstWarning = lines.findIndex((line) => line.includes(": warning: "));
    const lastError = lines.findLastIndex((line) => /\.md(:\d+)?: (?!warning)/.test(line));
    assert.ok(lastError < firstWarning, "errors should come before warnings");
    assert.doesNotMatch(result.stdout + result.stderr, /\bat .*\.(ts|js):\d+/, "no stack trace");
  });

  it("gives the same report as JSON", async () => {
    const [text, json] = await Promise.all([
      runCli("check", ["--content", BROKEN]),
      runCli("check", ["--content", BROKEN, "--format", "json"]),
    ]);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.equal(report.errors, 8);
    assert.equal(report.warnings, 1);
    assert.equal(report.notices, 1);
    assert.deepEqual(report.issues[0], {
      file: "tests/fixtures/broken/en/notices/2018-07-23-ogp.md",
      line: 3,
      key: "date",
      severity: "error",
      message: 'expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "23/07/2018"',
    });
    const asText = report.issues.map((issue) => {
      const where = issue.line === null ? issue.file : `${issue.file}:${String(issue.line)}`;
      const severity = issue.severity === "warning" ? "warning: " : "";
      return `${where}: ${severity}${issue.key}: ${issue.message}`;
    });
    assert.deepEqual(asText, text.stdout.trimEnd().split("\n").slice(0, -1));
  });

  it("writes GitHub annotations, escaping what the format needs", async () => {
    const dir = await makeContent({
      "en/notices/2019-03-12-a.md": noticeFile({ title: '"A"', date: '"50%"', ministry: "MOIS" }),
      "en/notices/2019-03-13-b.md": noticeFile({
        title: '"B"',
        date: "2019-03-13",
        ministry: "MOIS",
      }),
    });
    const result = await runCli("check", ["--content", dir, "--format", "github"]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /^::error file=\S+\/en\/notices\/2019-03-12-a\.md,line=3,title=date::expected a date like 2018-07-23 \(or 2018-07-23T09:00:00\+09:00\), got "50%25"$/m,
    );
    assert.match(
      result.stdout,
      /^::warning file=\S+\/en\/notices\/2019-03-13-b\.md,title=translation::no Korean translation/m,
    );
  });

  it("counts a scheduled notice as a warning, with SOURCE_DATE_EPOCH as today", async () => {
    const dir = await makeContent({
      "en/notices/2026-12-01-plan.md": noticeFile({
        title: '"Plan"',
        date: "2026-12-01",
        ministry: "MOIS",
      }),
      "ko/notices/2026-12-01-plan.md": noticeFile({
        title: '"계획"',
        date: "2026-12-01",
        ministry: "MOIS",
      }),
    });
    const before = await runCli("check", ["--content", dir, "--format", "json"], {
      env: { SOURCE_DATE_EPOCH: String(Date.parse("2026-11-30T14:59:59Z") / 1000) },
    });
    assert.equal(before.code, 0, "a warning should not fail the check");
    const report = JSON.parse(before.stdout) as JsonReport;
    assert.deepEqual(
      report.issues.map((issue) => `${issue.severity} ${issue.key} ${String(issue.line)}`),
      ["warning date 3", "warning date 3"],
    );
    assert.match(
      report.issues[0]?.message ?? "",
      /^2026-12-01 is after today \(2026-11-30 in Seoul\)/,
    );
    const after = await runCli("check", ["--content", dir, "--format", "json"], {
      env: { SOURCE_DATE_EPOCH: String(Date.parse("2026-11-30T15:00:00Z") / 1000) },
    });
    assert.deepEqual(
      (JSON.parse(after.stdout) as JsonReport).issues,
      [],
      "on its day it is no longer scheduled",
    );
  });

  it("exits 2 with the usage line on wrong options", async () => {
    const results = await Promise.all([
      runCli("check", ["--format", "xml"]),
      runCli("check", ["--contents", "content"]),
      runCli("check", ["--content", "no/such/folder"]),
      runCli("check", ["content"]),
    ]);
    const messages = [
      /--format: expected one of text, json, github, got "xml"/,
      /Unknown option '--contents'/,
      /content folder not found: no\/such\/folder/,
      /Unexpected argument 'content'/,
    ];
    results.forEach((result, index) => {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, messages[index] ?? /./);
      assert.match(
        result.stderr,
        /^usage: npm run check -- \[--content DIR\] \[--format text\|json\|github\]$/m,
      );
    });
  });
});
