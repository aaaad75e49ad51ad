import assert from "node:assert/strict";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadContent } from "../../src/content/load.ts";
import { slugFromTitle } from "../../src/content/scaffold.ts";
import { makeContent, noticeFile, runCli } from "../helpers/site.ts";

// 00:30 on 27 November in Seoul, still the 26th in UTC: "today" must be Seoul's day.
const EPOCH = { SOURCE_DATE_EPOCH: String(Date.parse("2026-11-26T15:30:00Z") / 1000) };

/** Runs `npm run new` against a fresh content folder. */
async function runNew(args: readonly string[], files: Record<string, string> = {}) {
  const dir = await makeContent(files);
  const result = await runCli("new", ["--content", dir, ...args], { env: EPOCH });
  return { dir, result };
}

async function noticeFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const lang of ["ko", "en"]) {
    const names = await readdir(join(dir, lang, "notices")).catch(() => []);
    found.push(...names.map((name) => `${lang}/notices/${name}`));
  }
  return found.sort();
}

/** Runs `npm run check` on a folder and returns its JSON report. */
async function checkReport(dir: string) {
  const result = await runCli("check", ["--content", dir, "--format", "json"], { env: EPOCH });
  return {
    code: result.code,
    report: JSON.parse(result.stdout) as {
      errors: number;
      issues: { key: string; severity: string }[];
    },
  };
}

describe("npm run new", () => {
  it("writes a draft with valid front matter, dated today in Seoul, named from the title", async () => {
    const { dir, result } = await runNew(["--lang", "en", "--title", "Public Data Opening Plan"]);
    assert.equal(result.code, 0, result.stderr);
    const name = "en/notices/2026-11-27-public-data-opening-plan.md";
    assert.deepEqual(await noticeFiles(dir), [name]);
    assert.match(
      result.stdout,
      /^Created \S+\/en\/notices\/2026-11-27-public-data-opening-plan\.md$/m,
    );
    assert.match(result.stdout, /delete the `draft: true` line to publish/);

    const content = loadContent(dir);
    const [notice] = content.notices;
    assert.equal(notice?.title, "Public Data Opening Plan");
    assert.equal(notice.date.day, "2026-11-27");
    assert.equal(notice.ministry, "MOIS");
    assert.equal(notice.draft, true, "a new notice should start as a draft");
    const check = await checkReport(dir);
    assert.equal(check.code, 0, "the new file should pass the check");
    assert.deepEqual(
      check.report.issues.map((issue) => `${issue.severity} ${issue.key}`),
      ["warning translation"],
      "only the missing translation should be mentioned",
    );
  });

  it("with --translate writes the other language's file under the same name, to translate", async () => {
    const { dir, result } = await runNew([
      "--lang",
      "ko",
      "--title",
      "2027년 민방위 훈련 계획",
      "--slug",
      "civil-defence-drill-plan",
      "--ministry",
      "MOHW",
      "--date",
      "2026-12-01",
      "--translate",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const name = "notices/2026-12-01-civil-defence-drill-plan.md";
    assert.deepEqual(await noticeFiles(dir), [`en/${name}`, `ko/${name}`]);
    assert.match(
      result.stdout,
      /^Created \S+\/en\/notices\/2026-12-01-civil-defence-drill-plan\.md \(to translate\)$/m,
    );
    const english = await readFile(join(dir, "en", name), "utf8");
    assert.match(english, /^# Translate the title and the text from Korean\.$/m);
    assert.match(
      english,
      /^title: "2027년 민방위 훈련 계획"$/m,
      "the title is copied for translation",
    );
    assert.match(english, /^date: 2026-12-01$/m);
    assert.match(english, /^ministry: MOHW$/m);
    const korean = await readFile(join(dir, "ko", name), "utf8");
    assert.match(korean, /^draft: true {2}# 공개할 때 이 줄을 지웁니다$/m);
    assert.match(korean, /^여기에 본문을 씁니다\.$/m);

    const check = await checkReport(dir);
    assert.equal(check.code, 0);
    assert.deepEqual(check.report.issues, [], "a fresh pair should need nothing");
  });

  it("keeps a title's quotes, colons and hashes as text", async () => {
    const title = `Q&A: "Who pays?" #2 — it's 50% off \\ 'now'`;
    const { dir, result } = await runNew([
      "--lang",
      "en",
      "--title",
      title,
      "--date",
      "2026-12-01",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const [notice] = loadContent(dir).notices;
    assert.equal(notice?.title, title);
    assert.equal(notice.slug, "2026-12-01-q-a-who-pays-2-its-50-off-now");
  });

  it("refuses to overwrite a file, and writes nothing when one of a pair exists", async () => {
    const existing = noticeFile({ title: '"Kept"', date: "2026-12-01", ministry: "MOIS" }, "Kept.");
    const { dir, result } = await runNew(
      ["--lang", "en", "--title", "Plan", "--date", "2026-12-01", "--translate"],
      { "ko/notices/2026-12-01-plan.md": existing },
    );
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: \S+\/ko\/notices\/2026-12-01-plan\.md already exists: nothing was written/m,
    );
    assert.deepEqual(await noticeFiles(dir), ["ko/notices/2026-12-01-plan.md"]);
    assert.equal(await readFile(join(dir, "ko/notices/2026-12-01-plan.md"), "utf8"), existing);

    const again = await runCli("new", [
      "--content",
      dir,
      "--lang",
      "ko",
      "--title",
      "Plan",
      "--date",
      "2026-12-01",
    ]);
    assert.equal(again.code, 2);
    assert.equal(await readFile(join(dir, "ko/notices/2026-12-01-plan.md"), "utf8"), existing);
  });

  it("needs --slug for a Korean title", async () => {
    const { dir, result } = await runNew(["--lang", "ko", "--title", "민방위 훈련"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: --slug is needed: a file name cannot be made from this title/m,
    );
    assert.deepEqual(await noticeFiles(dir), []);
  });

  it("makes file names from titles as an editor would", () => {
    assert.equal(
      slugFromTitle("Vice Minister visits the Czech Republic"),
      "vice-minister-visits-the-czech-republic",
    );
    assert.equal(
      slugFromTitle("Minister’s visit to Café Zürich"),
      "ministers-visit-to-cafe-zurich",
    );
    assert.equal(slugFromTitle("COVID-19: 2021 measures!"), "covid-19-2021-measures");
    assert.equal(slugFromTitle("2027년 민방위 훈련"), undefined);
    assert.equal(slugFromTitle("Ελληνικά"), undefined);
    assert.equal(slugFromTitle("!!!"), undefined);
    const long = slugFromTitle("word ".repeat(40)) ?? "";
    assert.ok(
      long.length <= 60 && !long.endsWith("-"),
      `a long title should be cut at a word: ${long}`,
    );
  });

  it("exits 2 with the usage line on every wrong option, writing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--title", "Plan"], /--lang is required: ko or en/],
      [["--lang", "fr", "--title", "Plan"], /--lang: expected ko or en, got "fr"/],
      [["--lang", "en"], /--title is required/],
      [["--lang", "en", "--title", "   "], /--title is required/],
      [["--lang", "en", "--title", "Two\nlines"], /--title: expected one line of text/],
      [
        ["--lang", "en", "--title", "x".repeat(301)],
        /--title: must be at most 300 characters, got 301/,
      ],
      [
        ["--lang", "en", "--title", "Plan", "--date", "26/11/2026"],
        /--date: expected a date like 2026-11-26, got "26\/11\/2026"/,
      ],
      [
        ["--lang", "en", "--title", "Plan", "--date", "2026-02-30"],
        /--date: expected a date like 2018-07-23 .*, got "2026-02-30": February 2026 has 28 days/,
      ],
      [
        ["--lang", "en", "--title", "Plan", "--slug", "Public Data"],
        /--slug: expected lower-case ASCII words joined by hyphens/,
      ],
      [
        ["--lang", "en", "--title", "Plan", "--slug", "2026-11-26-plan"],
        /--slug: leave the date out/,
      ],
      [
        ["--lang", "en", "--title", "Plan", "--ministry", "NOPE"],
        /--ministry: expected a code from _data\/ministries\.json \(MOIS, .*\), got "NOPE"/,
      ],
      [["--lang", "en", "--title", "Plan", "--draft"], /Unknown option '--draft'/],
      [["--lang", "en", "--title", "Plan", "extra"], /Unexpected argument 'extra'/],
      [["--lang", "en", "--title"], /--title <value>' argument missing/],
    ];
    const dir = await makeContent({});
    const results = await Promise.all(
      cases.map(([args]) => runCli("new", ["--content", dir, ...args], { env: EPOCH })),
    );
    results.forEach((result, index) => {
      const [args, message] = cases[index] ?? [[], /./];
      assert.equal(result.code, 2, `${args.join(" ")} should exit 2: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(" "));
      assert.match(result.stderr, /^usage: npm run new -- --lang ko\|en --title "\.\.\."/m);
    });
    assert.deepEqual(await noticeFiles(dir), []);

    const missing = await runCli("new", [
      "--content",
      join(dir, "nowhere"),
      "--lang",
      "en",
      "--title",
      "Plan",
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /content folder not found/);
  });

  it("exits 1 naming the file when ministries.json is broken", async () => {
    const dir = await makeContent({});
    await writeFile(join(dir, "_data/ministries.json"), "{ not json");
    const result = await runCli("new", ["--content", dir, "--lang", "en", "--title", "Plan"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /_data\/ministries\.json: file: /);
    assert.deepEqual(await noticeFiles(dir), []);
  });

  it("refuses every value that npm run check would refuse, and every file it writes passes the check", async () => {
    const syllables = (count: number) => "공".repeat(count);
    // [arguments, the refusal expected, or undefined when new writes a file]
    const cases: [string[], RegExp | undefined][] = [
      [
        ["--title", syllables(301), "--slug", "long"],
        /--title: must be at most 300 characters, got 301/,
      ],
      [
        ["--title", syllables(301).normalize("NFD"), "--slug", "long-nfd"],
        /--title: must be at most 300 characters, got 301/,
      ],
      [["--title", syllables(300).normalize("NFD"), "--slug", "jamo-title"], undefined],
      [["--title", "🙂".repeat(300), "--slug", "emoji-title"], undefined],
      [["--title", "Bell \u0007 here"], /--title: contains U\+0007 \(a control character\)/],
      [["--title", "Delete \u007f here"], /--title: contains U\+007F \(a control character\)/],
      [["--title", "Nonchar \ufdd0 here"], /--title: contains U\+FDD0 \(a Unicode noncharacter\)/],
      [["--title", "Line\u2028separator"], /--title: expected one line of text/],
      [
        ["--title", "Plan", "--date", "1899-12-31"],
        /--date: expected a day from 1900-01-01 to 2100-12-31/,
      ],
      [
        ["--title", "Plan", "--date", "2101-01-01"],
        /--date: expected a day from 1900-01-01 to 2100-12-31/,
      ],
      [["--title", "Plan", "--date", "2026-13-01"], /--date: .*there is no month 13/],
      [
        ["--title", "Plan", "--date", "2026-11-26T09:00"],
        /--date: expected a date like 2026-11-26/,
      ],
      [
        ["--title", "Plan", "--ministry", "mois"],
        /--ministry: expected a code from _data\/ministries\.json .*got "mois"/,
      ],
      [
        ["--title", "Plan", "--ministry", ""],
        /--ministry: expected a code from _data\/ministries\.json .*got ""/,
      ],
      [
        ["--title", "Plan", "--ministry", "MOIS\ndraft: false"],
        /--ministry: expected a code from _data\/ministries\.json .*got "MOIS\\ndraft: false"/,
      ],
      [["--title", "Plan", "--slug", "a--b"], /--slug: expected lower-case ASCII words/],
      [["--title", "Plan", "--slug=-plan"], /--slug: expected lower-case ASCII words/],
      [["--title", "Plan", "--slug", "plan.md"], /--slug: expected lower-case ASCII words/],
      [["--title", "Plan", "--date", "1900-01-01", "--slug", "first-day"], undefined],
      [["--title", "Plan", "--date", "2100-12-31", "--slug", "last-day"], undefined],
      [["--title", '"Quotes": and # hashes \\ backslashes', "--slug", "odd-title"], undefined],
    ];
    const dir = await makeContent({});
    for (const [args, refusal] of cases) {
      const before = await noticeFiles(dir);
      // The shell would pass the characters themselves; the escapes above keep this file readable.
      const decoded = args.map((arg) =>
        arg.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
          String.fromCharCode(parseInt(hex, 16)),
        ),
      );
      const result = await runCli("new", ["--content", dir, "--lang", "en", ...decoded], {
        env: EPOCH,
      });
      const what = `new ${args.join(" ").slice(0, 80)}`;
      if (refusal === undefined) {
        assert.equal(result.code, 0, `${what} should write a file: ${result.stderr}`);
        assert.equal(
          (await noticeFiles(dir)).length,
          before.length + 1,
          `${what} should write one file`,
        );
        continue;
      }
      assert.equal(result.code, 2, `${what} should exit 2: ${result.stderr}`);
      assert.match(result.stderr, refusal, what);
      assert.doesNotMatch(result.stderr, /\bat .*\.(ts|js):\d+/, `${what}: no stack trace`);
      assert.deepEqual(await noticeFiles(dir), before, `${what} should write nothing`);
    }

    const check = await checkReport(dir);
    assert.equal(check.code, 0, "every file new wrote should pass the check");
    assert.equal(check.report.errors, 0);
    const written = await noticeFiles(dir);
    assert.equal(
      written.length,
      5,
      `new should have written five files, wrote ${written.join(", ")}`,
    );
    const jamo = written.find((name) => name.includes("jamo-title")) ?? "";
    assert.match(
      await readFile(join(dir, jamo), "utf8"),
      new RegExp(`^title: "${syllables(300)}"$`, "m"),
      "a title typed in jamo is written composed (NFC)",
    );
  });
});
