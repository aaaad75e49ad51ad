import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatIssue } from "../../src/content/errors.ts";
import { loadContent } from "../../src/content/load.ts";
import { makeContent, noticeFile } from "../helpers/site.ts";

const NOW = Date.parse("2026-11-26T03:00:00Z"); // 12:00 on 26 November in Seoul

const fields = (title: string, day: string, extra: Record<string, string> = {}) => ({
  title: JSON.stringify(title),
  date: day,
  ministry: "MOIS",
  ...extra,
});

/** A translated pair with the given body in the English file. */
function pair(slug: string, englishBody = "Body.", extra: Record<string, string> = {}) {
  const day = slug.slice(0, 10);
  return {
    [`en/notices/${slug}.md`]: noticeFile(fields(`English ${slug}`, day, extra), englishBody),
    [`ko/notices/${slug}.md`]: noticeFile(fields(`한국어 ${slug}`, day, extra), "본문."),
  };
}

/** Every issue of a content folder made of `files`, formatted, paths from the content folder. */
async function messagesFor(files: Record<string, string>): Promise<string[]> {
  const dir = await makeContent(files);
  const content = loadContent(dir, { now: NOW });
  return content.issues.map((issue) => formatIssue(issue).replace(/^.*?content\//, ""));
}

function assertHas(messages: readonly string[], expected: string): void {
  assert.ok(
    messages.some((message) => message.includes(expected)),
    `expected an issue containing\n  ${expected}\ngot\n  ${messages.join("\n  ")}`,
  );
}

describe("checks across notices", () => {
  it("finds nothing to say about a translated pair", async () => {
    assert.deepEqual(await messagesFor(pair("2019-03-12-public-data")), []);
  });

  it("warns about a notice without translation", async () => {
    const messages = await messagesFor({
      "en/notices/2019-03-12-alone.md": noticeFile(fields("Alone", "2019-03-12")),
    });
    assert.deepEqual(messages, [
      "en/notices/2019-03-12-alone.md: warning: translation: no Korean translation (ko/notices/2019-03-12-alone.md); the language switch on its page leads to the Korean list instead",
    ]);
  });

  it("suggests the rename when a translation's file name has another date", async () => {
    const messages = await messagesFor({
      "en/notices/2019-03-12-plan.md": noticeFile(fields("Plan", "2019-03-12")),
      "ko/notices/2019-03-13-plan.md": noticeFile(fields("계획", "2019-03-13")),
    });
    assertHas(
      messages,
      "en/notices/2019-03-12-plan.md: warning: translation: no Korean translation (ko/notices/2019-03-12-plan.md); ko/notices/2019-03-13-plan.md has the same words but another date: give both files the same name",
    );
  });

  it("does not ask for the translation of a file whose partner has errors of its own", async () => {
    const messages = await messagesFor({
      "en/notices/2019-03-12-plan.md": noticeFile(fields("Plan", "2019-03-12")),
      "ko/notices/2019-03-12-plan.md": noticeFile({ date: "2019-03-12", ministry: "MOIS" }),
    });
    assert.deepEqual(messages, ["ko/notices/2019-03-12-plan.md: title: required"]);
  });

  it("warns about a notice dated after today, but not about a future draft", async () => {
    const messages = await messagesFor({
      ...pair("2026-11-27-tomorrow"),
      ...pair("2026-12-01-draft", "Body.", { draft: "true" }),
      ...pair("2026-11-26-today"),
    });
    assert.deepEqual(
      messages.filter((m) => m.includes("after today")).sort(),
      [
        "en/notices/2026-11-27-tomorrow.md:3: warning: date: 2026-11-27 is after today (2026-11-26 in Seoul): the notice is published by the first build on or after that day",
        "ko/notices/2026-11-27-tomorrow.md:3: warning: date: 2026-11-27 is after today (2026-11-26 in Seoul): the notice is published by the first build on or after that day",
      ],
    );
  });

  it("warns about an update dated after today, not about one dated today", async () => {
    const messages = await messagesFor({
      ...pair("2026-11-20-changed", "Body.", { updated: "2026-11-28" }),
      ...pair("2026-11-21-changed-today", "Body.", { updated: "2026-11-26" }),
    });
    assert.deepEqual(
      messages.filter((m) => m.includes("updated:")).sort(),
      ["en", "ko"].map(
        (lang) =>
          `${lang}/notices/2026-11-20-changed.md:5: warning: updated: 2026-11-28 is after today (2026-11-26 in Seoul): the page would say it was updated on a day still to come; give the day it was changed`,
      ),
    );
  });

  it("warns when the file name and the date disagree", async () => {
    const files = pair("2019-03-12-moved");
    files["en/notices/2019-03-12-moved.md"] = noticeFile(fields("Moved", "2019-03-14"));
    files["ko/notices/2019-03-12-moved.md"] = noticeFile(fields("옮김", "2019-03-14"));
    assertHas(
      await messagesFor(files),
      "en/notices/2019-03-12-moved.md:3: warning: date: the file name starts with 2019-03-12 but the date is 2019-03-14; the name is the notice's address, so rename the file if the date is right",
    );
  });

  it("refuses an expiry before the notice's date", async () => {
    const messages = await messagesFor(pair("2019-03-12-short", "Body.", { expires: "2019-03-11" }));
    assertHas(
      messages,
      "en/notices/2019-03-12-short.md:5: expires: expected a day on or after the notice's date (2019-03-12), got 2019-03-11",
    );
  });

  it("accepts an expiry on the notice's own day", async () => {
    assert.deepEqual(
      await messagesFor(pair("2019-03-12-one-day", "Body.", { expires: "2019-03-12" })),
      [],
    );
  });

  it("warns about two notices of one language with the same title and date", async () => {
    const messages = await messagesFor({
      ...pair("2019-03-12-plan"),
      "en/notices/2019-03-12-plan-copy.md": noticeFile(fields("english  2019-03-12-PLAN", "2019-03-12")),
      "ko/notices/2019-03-12-plan-copy.md": noticeFile(fields("다른 제목", "2019-03-12")),
    });
    const copies = messages.filter((m) => m.includes("same title"));
    assert.equal(copies.length, 1, messages.join("\n"));
    assert.match(
      copies[0] ?? "",
      /^en\/notices\/2019-03-12-plan\.md:2: warning: title: the same title and date as \S*en\/notices\/2019-03-12-plan-copy\.md: if one is a copy, delete it; otherwise make the titles differ$/,
    );
  });
});

describe("links between notices", () => {
  const target = pair("2019-03-12-target");

  const cases: [string, string, string | undefined][] = [
    ["an absolute link to a notice", "See [it](/en/notices/2019-03-12-target/).", undefined],
    ["a link to the other language", "See [it](/ko/notices/2019-03-12-target/#top).", undefined],
    ["a relative link", "See [it](../2019-03-12-target/).", undefined],
    ["a link with index.html", "See [it](/en/notices/2019-03-12-target/index.html).", undefined],
    ["a link through the site's address", "See [it](https://news.example.go.kr/en/notices/2019-03-12-target/).", undefined],
    ["a link to the board list", "See [the list](/en/notices/) and [page 2](/en/notices/page/2/).", undefined],
    ["a link to another site", "See [it](https://www.mois.go.kr/en/notices/nowhere/).", undefined],
    ["a link inside a code span", "Write `[it](/en/notices/2019-03-12-nowhere/)` like this.", undefined],
    ["a link inside a code block", "Example:\n\n```\n[it](/en/notices/2019-03-12-nowhere/)\n```\n", undefined],
    [
      "a link to a notice that does not exist",
      "First line.\nSee [it](/en/notices/2019-03-12-nowhere/).",
      "en/notices/2019-03-14-source.md:7: link: /en/notices/2019-03-12-nowhere/ leads to no notice (expected a file en/notices/2019-03-12-nowhere.md); link to notices as /en/notices/<file name without .md>/",
    ],
    [
      "a relative link to a notice that does not exist",
      "See [it](../2019-03-12-nowhere/).",
      "en/notices/2019-03-14-source.md:6: link: ../2019-03-12-nowhere/ leads to no notice (expected a file en/notices/2019-03-12-nowhere.md)",
    ],
    [
      "a link through the site's address to a notice that does not exist",
      "See [it](https://news.example.go.kr/ko/notices/2019-03-12-nowhere/).",
      "leads to no notice (expected a file ko/notices/2019-03-12-nowhere.md)",
    ],
    [
      "a reference-style link to a notice that does not exist",
      "See [it][ref].\n\n[ref]: /en/notices/2019-03-12-nowhere/",
      "en/notices/2019-03-14-source.md:6: link: /en/notices/2019-03-12-nowhere/ leads to no notice",
    ],
    [
      "an image from a notice that does not exist",
      "![chart](/en/notices/2019-03-12-nowhere/chart.png)",
      "en/notices/2019-03-14-source.md:6: link: /en/notices/2019-03-12-nowhere/chart.png leads to no notice",
    ],
    [
      "a link to a file name instead of a notice",
      "See [it](2019-03-12-target.md).",
      "link: 2019-03-12-target.md leads to no attachment of en/notices/2019-03-14-source.md (its attachments: none); to link to a notice, write /en/notices/2019-03-12-target/",
    ],
    [
      "a link to an attachment the notice does not have",
      "See [the form](/en/notices/2019-03-12-target/form.pdf).",
      "link: /en/notices/2019-03-12-target/form.pdf leads to no attachment of en/notices/2019-03-12-target.md (its attachments: none)",
    ],
  ];
  for (const [name, body, expected] of cases) {
    it(expected === undefined ? `accepts ${name}` : `reports ${name}`, async () => {
      const messages = await messagesFor({
        ...target,
        ...pair("2019-03-14-source", body),
      });
      if (expected === undefined) {
        assert.deepEqual(messages, []);
      } else {
        assertHas(messages, expected);
        assert.equal(messages.length, 1, messages.join("\n"));
      }
    });
  }

  it("accepts a link to an attachment the notice has", async () => {
    const dir = await makeContent({
      ...pair("2019-03-12-target", "Body.", {
        attachments: "\n  - file: files/form.pdf\n    title: Form",
      }),
      "en/notices/files/form.pdf": "%PDF",
      "ko/notices/files/form.pdf": "%PDF",
      ...pair("2019-03-14-source", "See [the form](/en/notices/2019-03-12-target/form.pdf)."),
    });
    assert.deepEqual(loadContent(dir, { now: NOW }).issues, []);
  });

  it("warns about a published notice linking to a draft or a scheduled notice", async () => {
    const messages = await messagesFor({
      ...pair("2019-03-12-draft", "Body.", { draft: "true" }),
      ...pair("2026-12-01-later"),
      ...pair(
        "2019-03-14-source",
        "See [the draft](/en/notices/2019-03-12-draft/) and [the plan](/en/notices/2026-12-01-later/).",
      ),
    });
    assertHas(
      messages,
      "en/notices/2019-03-14-source.md:6: warning: link: /en/notices/2019-03-12-draft/ leads to en/notices/2019-03-12-draft.md, which is a draft: the link does not work until that notice is published",
    );
    assertHas(
      messages,
      "warning: link: /en/notices/2026-12-01-later/ leads to en/notices/2026-12-01-later.md, which is scheduled for 2026-12-01",
    );
  });

  it("does not report a link to a notice whose file has errors of its own", async () => {
    const messages = await messagesFor({
      "en/notices/2019-03-12-broken.md": noticeFile({ title: '"Broken"', date: "2019-03-12" }),
      "ko/notices/2019-03-12-broken.md": noticeFile(fields("고장", "2019-03-12")),
      ...pair("2019-03-14-source", "See [it](/en/notices/2019-03-12-broken/)."),
    });
    assert.deepEqual(messages, ["en/notices/2019-03-12-broken.md: ministry: required"]);
  });
});

describe("read counts from analytics", () => {
  const readCounts = (json: string) => ({
    ...pair("2019-03-12-counted"),
    "_data/readCounts.json": json,
  });

  it("adds the counts to the baselines and keeps the day they were exported", async () => {
    const dir = await makeContent(
      readCounts(
        '{ "updated": "2026-11-25", "counts": { "en/2019-03-12-counted": 120, "ko/2019-03-12-counted": 7 } }',
      ),
    );
    const content = loadContent(dir, { now: NOW });
    assert.deepEqual(content.issues, []);
    assert.equal(content.readCountsUpdated, "2026-11-25");
    const counts = Object.fromEntries(content.notices.map((n) => [`${n.lang}/${n.slug}`, n.readCount]));
    assert.deepEqual(counts, { "en/2019-03-12-counted": 120, "ko/2019-03-12-counted": 7 });
  });

  const cases: [string, string, string][] = [
    [
      "a negative count",
      '{\n  "updated": "2026-11-25",\n  "counts": {\n    "en/2019-03-12-counted": -4\n  }\n}',
      "_data/readCounts.json:4: counts.en/2019-03-12-counted: must be 0 or more",
    ],
    [
      "a fractional count",
      '{\n  "updated": "2026-11-25",\n  "counts": {\n    "en/2019-03-12-counted": 1.5\n  }\n}',
      "_data/readCounts.json:4: counts.en/2019-03-12-counted: expected a whole number",
    ],
    [
      "a count written as text",
      '{\n  "updated": "2026-11-25",\n  "counts": { "en/2019-03-12-counted": "1,204" }\n}',
      '_data/readCounts.json:3: counts.en/2019-03-12-counted: expected a whole number, got "1,204"',
    ],
    [
      "a bad export day",
      '{\n  "updated": "25/11/2026",\n  "counts": {}\n}',
      "_data/readCounts.json:2: updated: expected a date like 2026-11-25",
    ],
    [
      "a file that is not JSON",
      '{ "updated": "2026-11-25", counts: {} }',
      "_data/readCounts.json: JSON: ",
    ],
  ];
  for (const [name, json, expected] of cases) {
    it(`reports ${name} as an error`, async () => {
      const dir = await makeContent(readCounts(json));
      const content = loadContent(dir, { now: NOW });
      const messages = content.issues.map((issue) => formatIssue(issue).replace(/^.*?content\//, ""));
      assertHas(messages, expected);
      assert.ok(
        content.issues.every((issue) => issue.severity === "error"),
        messages.join("\n"),
      );
    });
  }

  it("warns about a count for no notice, and not about one whose notice has errors", async () => {
    const dir = await makeContent({
      ...readCounts(
        '{\n  "updated": "2026-11-25",\n  "counts": {\n    "en/2019-03-12-gone": 3,\n    "en/2019-03-13-broken": 2\n  }\n}',
      ),
      "en/notices/2019-03-13-broken.md": noticeFile({ title: '"Broken"', date: "2019-03-13" }),
    });
    const messages = loadContent(dir, { now: NOW }).issues.map((issue) =>
      formatIssue(issue).replace(/^.*?content\//, ""),
    );
    assert.deepEqual(messages.filter((m) => m.startsWith("_data/")), [
      "_data/readCounts.json:4: warning: counts.en/2019-03-12-gone: no notice has this lang/slug (expected a key like en/2018-07-23-words); the count is not used",
    ]);
  });
});
