import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatIssue } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import type { NoticeParseCache } from "../../src/content/load.ts";
import { makeContent, noticeFile } from "../helpers/site.ts";

const valid = {
  title: '"Public data opening plan"',
  date: "2019-03-12",
  readCount: "1234",
  ministry: "MOIS",
};
const FILE = "en/notices/2019-03-12-public-data.md";

async function issuesFor(files: Record<string, string>) {
  const content = loadContent(await makeContent(files));
  return { content, messages: content.issues.map(formatIssue) };
}

/** Loads one English notice with the given front matter and returns its issues. */
async function issuesOf(fields: Record<string, string>, fileName = FILE) {
  return issuesFor({ [fileName]: noticeFile(fields) });
}

describe("loadContent", () => {
  it("reads a valid notice with its defaults", async () => {
    const { content } = await issuesOf({ title: '"Hello"', date: "2019-03-12", ministry: "MOIS" });
    assert.deepEqual(
      content.issues.filter((issue) => issue.severity === "error"),
      [],
    );
    const [notice] = content.notices;
    assert.equal(notice?.slug, "2019-03-12-public-data");
    assert.equal(notice.readCount, 0, "readCount should default to 0");
    assert.equal(notice.draft, false, "draft should default to false");
    assert.equal(notice.date.day, "2019-03-12");
  });

  const cases: [string, Record<string, string>, string][] = [
    ["a missing title", { ...valid, title: "" }, `${FILE}:2: title: expected text, got an empty value`],
    ["an empty title", { ...valid, title: '"   "' }, "title: must not be empty"],
    ["a title over 300 characters", { ...valid, title: `"${"x".repeat(301)}"` }, "title: must be at most 300 characters"],
    ["a day-first date", { ...valid, date: '"23/07/2018"' }, `${FILE}:3: date: expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "23/07/2018"`],
    ["an impossible date", { ...valid, date: "2019-02-30" }, 'date: expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "2019-02-30"'],
    ["a date-time without offset", { ...valid, date: "2019-03-12T09:00:00" }, 'got "2019-03-12T09:00:00"'],
    ["a number as date", { ...valid, date: "20190312" }, "date: expected a date like 2018-07-23, got 20190312"],
    ["a grouped read count", { ...valid, readCount: "16,869" }, 'readCount: expected a whole number like 16869 (no commas), got "16,869"'],
    ["a negative read count", { ...valid, readCount: "-3" }, "readCount: must be 0 or more"],
    ["a fractional read count", { ...valid, readCount: "2.5" }, "readCount: expected a whole number"],
    ["an unknown ministry", { ...valid, ministry: "XYZ" }, "ministry: expected a code from _data/ministries.json (MOIS"],
    ["a missing ministry", { title: valid.title, date: valid.date }, `${FILE}: ministry: required`],
    ["a draft flag that is not a boolean", { ...valid, draft: "yes" }, 'draft: expected true or false, got "yes"'],
    ["a bad expiry date", { ...valid, expires: "soon" }, 'expires: expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "soon"'],
    ["a summary that is a list", { ...valid, summary: "[a, b]" }, "summary: expected text, got a list"],
    ["an unknown key", { ...valid, permalink: "/../../etc/" }, `${FILE}:6: permalink: unknown key; allowed keys are title, date, readCount, ministry, summary, draft, expires, attachments`],
    ["attachments that are not a list", { ...valid, attachments: "file.pdf" }, 'attachments: expected a list of { file, title }, got "file.pdf"'],
    ["an attachment that does not exist", { ...valid, attachments: "\n  - file: files/missing.pdf\n    title: Missing" }, `${FILE}:7: attachments.0.file: file not found: "files/missing.pdf"`],
    ["an attachment outside the notices folder", { ...valid, attachments: "\n  - file: ../../_data/site.json\n    title: Site" }, "attachments.0.file: expected a path inside the notices folder"],
    ["an attachment without a title", { ...valid, attachments: "\n  - file: files/a.pdf" }, "attachments.0.title: required"],
  ];
  for (const [name, fields, expected] of cases) {
    it(`reports ${name}`, async () => {
      const { content, messages } = await issuesOf(fields);
      assert.equal(content.notices.length, 0, `a notice with ${name} should not be published`);
      assert.ok(
        messages.some((message) => message.includes(expected)),
        `expected an issue containing\n  ${expected}\ngot\n  ${messages.join("\n  ")}`,
      );
    });
  }

  it("reports a file name that is not a slug", async () => {
    const { messages } = await issuesOf(valid, "en/notices/Public Data.md");
    assert.ok(messages.some((m) => m.includes('file name: expected YYYY-MM-DD-words-in-ascii.md (lower-case letters, digits, hyphens), got "Public Data.md"')), messages.join("\n"));
  });

  it("reports a file name with an impossible date", async () => {
    const { messages } = await issuesOf(valid, "en/notices/2019-13-40-public-data.md");
    assert.ok(messages.some((m) => m.includes('file name: expected a real date at the start, got "2019-13-40"')), messages.join("\n"));
  });

  it("reports front matter that is not YAML", async () => {
    const { messages } = await issuesFor({ [FILE]: "---\ntitle: [unclosed\n---\nBody\n" });
    assert.ok(messages.some((m) => m.includes(`${FILE}:3: front matter: invalid YAML`)), messages.join("\n"));
  });

  it("reports a file with no front matter", async () => {
    const { messages } = await issuesFor({ [FILE]: "Just a body\n" });
    assert.ok(messages.some((m) => m.includes("front matter: expected the file to start with a --- line")), messages.join("\n"));
  });

  it("refuses a YAML alias bomb", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)];
    const { messages } = await issuesFor({ [FILE]: `---\ntitle: "x"\ndate: 2019-03-12\nministry: MOIS\n${bomb.join("\n")}\n---\nBody\n` });
    assert.ok(messages.some((m) => m.includes("front matter: invalid YAML") && m.includes("alias")), messages.join("\n"));
  });

  it("reports a Markdown file outside the notices folders instead of dropping it", async () => {
    const { messages } = await issuesFor({ "en/2019-03-12-lost.md": noticeFile(valid), "fr/notices/2019-03-12-x.md": noticeFile(valid) });
    assert.ok(messages.some((m) => m.includes("en/2019-03-12-lost.md: file: not read: notices belong directly in a board's folder ({ko,en}/notices/)")), messages.join("\n"));
    assert.ok(messages.some((m) => m.includes("fr/notices/2019-03-12-x.md: file: not read")), messages.join("\n"));
  });

  it("tells a notice whose extension is not a lower-case .md to be renamed, once", async () => {
    const { messages } = await issuesFor({ "en/notices/2019-03-12-shout.MD": noticeFile(valid), "en/notices/2019-03-12-long.markdown": noticeFile(valid) });
    const about = (name: string) => messages.filter((m) => m.includes(name));
    assert.equal(about("2019-03-12-shout.MD").length, 1, messages.join("\n"));
    assert.match(about("2019-03-12-shout.MD")[0] ?? "", /shout\.MD: file name: not read: a notice's file name ends in \.md, in lower case; rename it to 2019-03-12-shout\.md$/);
    assert.equal(about("2019-03-12-long.markdown").length, 1, messages.join("\n"));
    assert.match(about("2019-03-12-long.markdown")[0] ?? "", /rename it to 2019-03-12-long\.md$/);
  });

  it("calls a file where a board's folder belongs a file", async () => {
    const dir = await makeContent({ [FILE]: noticeFile(valid) });
    await mkdir(join(dir, "ko"), { recursive: true });
    await writeFile(join(dir, "ko/notices"), "not a folder");
    const messages = loadContent(dir).issues.map(formatIssue);
    assert.ok(messages.some((m) => m.endsWith("ko/notices: folder: is a file, not a folder")), messages.join("\n"));
  });

  it("reports translations whose date or ministry differ", async () => {
    const { messages } = await issuesFor({
      [FILE]: noticeFile(valid),
      "ko/notices/2019-03-12-public-data.md": noticeFile({ ...valid, date: "2019-03-13", ministry: "MOHW" }),
    });
    assert.ok(messages.some((m) => m.includes("en/notices/2019-03-12-public-data.md:3: date: expected the same day as its translation")), messages.join("\n"));
    assert.ok(messages.some((m) => m.includes("en/notices/2019-03-12-public-data.md:5: ministry: expected the same ministry as its translation")), messages.join("\n"));
  });

  it("lists every error of every file together", async () => {
    const { messages } = await issuesFor({
      [FILE]: noticeFile({ ...valid, date: "bad", readCount: "-1" }),
      "ko/notices/2019-03-14-other.md": noticeFile({ title: '""', date: "2019-03-14", ministry: "NOPE" }),
    });
    assert.equal(messages.length, 4, messages.join("\n"));
  });

  it("reports a key written twice in a data file, with both lines", async () => {
    const dir = await makeContent({ [FILE]: noticeFile(valid) });
    const path = join(dir, "_data/ministries.json");
    const text = await readFile(path, "utf8");
    const line = text.split("\n").find((entry) => entry.includes('"MOIS"')) ?? "";
    // The same code again, with other names, on the line after the first.
    await writeFile(path, text.replace(line, `${line}\n${line.replace(/"en": "[^"]*"/, '"en": "Other"')}`));
    const first = text.split("\n").indexOf(line) + 1;
    const messages = loadContent(dir)
      .issues.filter((issue) => issue.severity === "error")
      .map((issue) => formatIssue(issue).replace(/^.*\/_data\//, ""));
    assert.deepEqual(messages, [
      `ministries.json:${String(first + 1)}: MOIS: written twice (first on line ${String(first)}): only the last would count; keep one`,
    ]);
  });

  it("reports a missing or broken ministries.json once, not again for every notice's ministry", async () => {
    for (const ministries of [undefined, '{ "MOIS": "not names" }']) {
      const dir = await makeContent({
        [FILE]: noticeFile(valid),
        "en/notices/2019-03-14-other.md": noticeFile({ ...valid, date: "2019-03-14" }),
      });
      const path = join(dir, "_data/ministries.json");
      if (ministries === undefined) await rm(path);
      else await writeFile(path, ministries);
      const errors = loadContent(dir).issues.filter((issue) => issue.severity === "error");
      assert.ok(errors.length > 0, "the broken file should be an error");
      assert.ok(
        errors.every((issue) => issue.file.endsWith("ministries.json")),
        `only ministries.json should be named:\n${errors.map((e) => formatIssue(e)).join("\n")}`,
      );
    }
  });
});

describe("loadContent with a parse cache (the preview's reloads)", () => {
  it("reads edits, ministry changes and deletions as a fresh load would", async () => {
    const dir = await makeContent({
      [FILE]: noticeFile(valid),
      "en/notices/2019-03-13-second.md": noticeFile({ ...valid, date: "2019-03-13" }),
    });
    const cache: NoticeParseCache = new Map();
    const errors = () =>
      loadContent(dir, { cache })
        .issues.filter((issue) => issue.severity === "error")
        .map(formatIssue);
    const fresh = () =>
      loadContent(dir)
        .issues.filter((issue) => issue.severity === "error")
        .map(formatIssue);
    assert.deepEqual(errors(), []);
    assert.equal(cache.size, 2);

    // An edit that breaks the front matter is seen, though the file was cached.
    await writeFile(join(dir, FILE), noticeFile({ ...valid, readCount: "many" }));
    assert.match(errors().join("\n"), /2019-03-12-public-data\.md:4: readCount/);
    assert.deepEqual(errors(), fresh());
    await writeFile(join(dir, FILE), noticeFile(valid));
    assert.deepEqual(errors(), []);

    // A ministry leaving ministries.json makes the unchanged file invalid.
    const ministriesPath = join(dir, "_data/ministries.json");
    const ministries = JSON.parse(await readFile(ministriesPath, "utf8")) as Record<string, unknown>;
    await writeFile(ministriesPath, JSON.stringify({ ...ministries, MOIS: undefined, XYZ: { ko: "가", en: "X" } }));
    assert.ok(errors().length > 0, "MOIS is no longer a ministry");
    assert.deepEqual(errors(), fresh());
    await writeFile(ministriesPath, JSON.stringify(ministries));

    // A deleted file leaves the cache and the content.
    await rm(join(dir, "en/notices/2019-03-13-second.md"));
    const content = loadContent(dir, { cache });
    assert.deepEqual(content.notices.map((n) => n.slug), ["2019-03-12-public-data"]);
    assert.deepEqual([...cache.keys()].map((path) => path.endsWith("2019-03-12-public-data.md")), [true]);
  });
});
