import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as cheerio from "cheerio";
import { loadContent } from "../../src/content/load.ts";
import { formatIssue } from "../../src/content/errors.ts";
import { readPathPrefix, readSiteOrigin } from "../../src/content/schema.ts";
import { renderMarkdown } from "../../src/markdown.ts";
import { makeContent, noticeFile, runCli, SAMPLE_CONTENT } from "../helpers/site.ts";

const FIELDS = { title: '"Strict input"', date: "2019-03-12", ministry: "MOIS" };

/** Loads a content folder of one English notice per entry and returns each file's issues. */
async function issuesOf(notices: Readonly<Record<string, string>>) {
  const files: Record<string, string> = {};
  for (const [slug, text] of Object.entries(notices)) files[`en/notices/${slug}.md`] = text;
  const content = loadContent(await makeContent(files));
  const bySlug = (slug: string) =>
    content.issues
      .filter((issue) => issue.severity === "error" && issue.file.endsWith(`/${slug}.md`))
      .map((issue) => formatIssue(issue).replace(/^.*\/notices\//, ""));
  return { content, bySlug };
}

describe("readCount is read as written", () => {
  // Value as written -> what the error must say. Line 5: ---, title, date, ministry, readCount.
  const refused: Readonly<Record<string, string>> = {
    "1e3": "readCount: expected a whole number like 16869, in digits only (no exponent, decimal point, hexadecimal, octal or .inf), got 1e3",
    "0x10": "got 0x10",
    "0o17": "got 0o17",
    "1_000": 'got "1_000"',
    "+5": "(no + or - sign), got +5",
    "-0": "(no + or - sign), got -0",
    "-3": "must be 0 or more, got -3",
    "0.0": "in digits only (no exponent, decimal point, hexadecimal, octal or .inf), got 0.0",
    ".inf": "got .inf",
    "5.": "got 5.",
    "16,869": '(no commas), got "16,869"',
    "007": "(no leading zeros), got 007",
    '"16869"': '(no quotes), got "16869"',
    "'16869'": '(no quotes), got "16869"',
    "9007199254740992": "expected a whole number of at most 9007199254740991, got 9007199254740992",
    "12345678901234567890": "got 12345678901234567890",
    "!!int 5": "got !!int 5",
    "&n 5": "", // an anchor sends the file to the YAML library, which must agree: accepted
  };

  it("refuses every number form but digits, naming the line and the value as written", async () => {
    const notices: Record<string, string> = {};
    const slugs = Object.keys(refused).map((_, index) => `2019-03-12-count-${String(index)}`);
    Object.keys(refused).forEach((written, index) => {
      notices[slugs[index] ?? ""] = noticeFile({ ...FIELDS, readCount: written });
    });
    const { bySlug } = await issuesOf(notices);
    Object.entries(refused).forEach(([written, message], index) => {
      const slug = slugs[index] ?? "";
      if (message === "") {
        assert.deepEqual(bySlug(slug), [], `readCount: ${written} should be accepted`);
        return;
      }
      const [issue, ...more] = bySlug(slug);
      assert.equal(more.length, 0, `readCount: ${written} should give one error`);
      assert.ok(
        issue?.startsWith(`${slug}.md:5: readCount: `) && issue.includes(message),
        `readCount: ${written} should be refused on line 5 with "${message}", got ${String(issue)}`,
      );
    });
  });

  it("takes digits the same from the fast reader and from the YAML library", async () => {
    const { content, bySlug } = await issuesOf({
      "2019-03-12-plain": noticeFile({ ...FIELDS, readCount: "16869  # before analytics" }),
      "2019-03-12-anchored": noticeFile({ ...FIELDS, readCount: "&count 9007199254740991" }),
      "2019-03-12-zero": noticeFile({ ...FIELDS, readCount: "0" }),
    });
    for (const slug of ["2019-03-12-plain", "2019-03-12-anchored", "2019-03-12-zero"]) {
      assert.deepEqual(bySlug(slug), [], `${slug} should be valid`);
    }
    const counts = Object.fromEntries(content.notices.map((n) => [n.slug, n.readCount]));
    assert.deepEqual(counts, {
      "2019-03-12-anchored": 9007199254740991,
      "2019-03-12-plain": 16869,
      "2019-03-12-zero": 0,
    });
  });

  it("still describes numbers where text is expected as they were written", async () => {
    const { bySlug } = await issuesOf({
      "2019-03-12-numeric-title": noticeFile({ ...FIELDS, title: "1e3" }),
    });
    assert.deepEqual(bySlug("2019-03-12-numeric-title"), [
      "2019-03-12-numeric-title.md:2: title: expected text, got 1e3",
    ]);
  });
});

describe("text limits count what a reader sees", () => {
  const syllables = (count: number) => "한".repeat(count);

  it("measures and publishes a title typed as decomposed Hangul like the composed title", async () => {
    const decomposed300 = syllables(300).normalize("NFD");
    assert.equal(decomposed300.length, 900, "the fixture should be jamo, three a syllable");
    const { content, bySlug } = await issuesOf({
      "2019-03-12-nfd-300": noticeFile({ ...FIELDS, title: JSON.stringify(decomposed300) }),
      "2019-03-12-nfd-301": noticeFile({
        ...FIELDS,
        title: JSON.stringify(syllables(301).normalize("NFD")),
      }),
      "2019-03-12-emoji-300": noticeFile({ ...FIELDS, title: JSON.stringify("🙂".repeat(300)) }),
      "2019-03-12-summary-nfd": noticeFile({
        ...FIELDS,
        summary: JSON.stringify(syllables(500).normalize("NFD")),
      }),
      "2019-03-12-summary-501": noticeFile({ ...FIELDS, summary: JSON.stringify(syllables(501)) }),
    });
    assert.deepEqual(bySlug("2019-03-12-nfd-300"), [], "300 syllables in jamo are 300 characters");
    assert.deepEqual(bySlug("2019-03-12-nfd-301"), [
      "2019-03-12-nfd-301.md:2: title: must be at most 300 characters, got 301",
    ]);
    assert.deepEqual(bySlug("2019-03-12-emoji-300"), [], "an emoji is one character, not two");
    assert.deepEqual(bySlug("2019-03-12-summary-nfd"), [], "500 syllables in jamo are 500 characters");
    assert.deepEqual(bySlug("2019-03-12-summary-501"), [
      "2019-03-12-summary-501.md:5: summary: must be at most 500 characters, got 501",
    ]);
    const notice = content.notices.find((n) => n.slug === "2019-03-12-nfd-300");
    assert.equal(notice?.title, syllables(300), "the published title should be the NFC form");
    const summary = content.notices.find((n) => n.slug === "2019-03-12-summary-nfd")?.summary;
    assert.equal(summary, syllables(500), "the published summary should be the NFC form");
  });
});

describe("one-line texts show in the order they are written", () => {
  it("refuses a bidirectional override or embedding in a title or summary, and accepts isolates", async () => {
    const { bySlug } = await issuesOf({
      // "Budget ‮fdp.exe" shows as "Budget exe.pdf".
      "2019-03-12-override": noticeFile({ ...FIELDS, title: '"Budget \\u202Efdp.exe"' }),
      "2019-03-12-embedding": noticeFile({ ...FIELDS, summary: '"Text \\u202Bnot so\\u202C"' }),
      "2019-03-12-isolate": noticeFile({
        ...FIELDS,
        title: '"A quote: \\u2067مرحبا\\u2069, with its direction set apart"',
      }),
    });
    assert.deepEqual(bySlug("2019-03-12-override"), [
      "2019-03-12-override.md:2: title: contains U+202E, a control character that shows the text after it in another order than it is written (it can disguise a title or a file name); remove it",
    ]);
    assert.match(bySlug("2019-03-12-embedding").join("\n"), /:5: summary: contains U\+202B,/);
    assert.deepEqual(bySlug("2019-03-12-isolate"), [], "isolates are how mixed directions are written");
  });
});

describe("dates are real days in the documented range", () => {
  const cases: Readonly<Record<string, string>> = {
    "1899-12-31": 'date: expected a day from 1900-01-01 to 2100-12-31 (in Seoul), got "1899-12-31"',
    "2101-01-01": 'got "2101-01-01"',
    "2019-02-30": 'got "2019-02-30": February 2019 has 28 days, so there is no day 30',
    "2019-13-01": "there is no month 13",
    "2019-03-12T24:00:00+09:00": "hours go from 00 to 23",
    "2019-03-12T09:60:00+09:00": "minutes and seconds go from 00 to 59",
    "2019-03-12T09:00:00": "a time needs its offset from UTC",
    "2019-03-12T09:00:00+9": "expected the offset from UTC as Z or ±HH:MM",
    "2019-03-12T09:00:00+0900": "expected the offset from UTC as Z or ±HH:MM",
    "2019-03-12T09:00:00+24:00": "expected the offset from UTC as Z or ±HH:MM",
    "2019-03-12 09:00:00+09:00": "write a capital T between the day and the time",
    "1900-01-01": "",
    "2100-12-31": "",
    "2019-03-12T09:00:00-05:30": "",
  };

  it("refuses days outside 1900-01-01..2100-12-31 and impossible ones with their line", async () => {
    const notices: Record<string, string> = {};
    // One file name for all: a date that differs from it is only a warning, left out here.
    const slugs = Object.keys(cases).map((_, index) => `2019-03-12-date-${String(index)}`);
    Object.keys(cases).forEach((text, index) => {
      notices[slugs[index] ?? ""] = noticeFile({ ...FIELDS, date: text });
    });
    const { bySlug } = await issuesOf(notices);
    Object.entries(cases).forEach(([text, message], index) => {
      const slug = slugs[index] ?? "";
      const issues = bySlug(slug);
      if (message === "") {
        assert.deepEqual(issues, [], `date: ${text} should be accepted`);
        return;
      }
      assert.equal(issues.length, 1, `date: ${text} should give one error, got ${issues.join("; ")}`);
      assert.ok(
        issues[0]?.startsWith(`${slug}.md:3: date: `) && issues[0].includes(message),
        `date: ${text} should be refused on line 3 with "${message}", got ${String(issues[0])}`,
      );
    });
  });

  it("refuses an expiry day out of range too", async () => {
    const { bySlug } = await issuesOf({
      "2019-03-12-expiry": noticeFile({ ...FIELDS, expires: "2101-01-01" }),
    });
    assert.deepEqual(bySlug("2019-03-12-expiry"), [
      '2019-03-12-expiry.md:5: expires: expected a day from 1900-01-01 to 2100-12-31 (in Seoul), got "2101-01-01"',
    ]);
  });

  it("prints instants of Seoul's local mean time (before 1908) in UTC, since RFC 3339 offsets are whole minutes", async () => {
    const { content } = await issuesOf({
      "1905-03-01-old": noticeFile({ ...FIELDS, date: "1905-03-01T12:00:00+09:00" }),
      "1900-01-01-first": noticeFile({ ...FIELDS, date: "1900-01-01" }),
    });
    const iso = Object.fromEntries(content.notices.map((n) => [n.slug, n.date.iso]));
    assert.deepEqual(iso, {
      "1900-01-01-first": "1899-12-31T15:32:08Z",
      "1905-03-01-old": "1905-03-01T03:00:00Z",
    });
    const day = Object.fromEntries(content.notices.map((n) => [n.slug, n.date.day]));
    assert.equal(day["1900-01-01-first"], "1900-01-01", "the notice's day stays the Seoul day");
  });
});

describe("the site's address and path prefix", () => {
  const origins: Readonly<Record<string, string>> = {
    "https://news.example.go.kr": "https://news.example.go.kr",
    "https://news.example.go.kr/": "https://news.example.go.kr",
    "HTTPS://News.Example.go.kr:8443": "https://news.example.go.kr:8443",
    "https://user:pass@news.example.go.kr": "no user name or password",
    "https://news.example.go.kr/..": "no path: the site's folder is the path prefix",
    "https://news.example.go.kr/.": "no path: the site's folder is the path prefix",
    "https://news.example.go.kr//": "no path: the site's folder is the path prefix",
    "https://news.example.go.kr/news": "no path: the site's folder is the path prefix",
    "https://news.example.go.kr/%2e%2e": "no percent-encoded characters such as %2e or %2f",
    "https://news.example.go.kr%2f": "no percent-encoded characters such as %2e or %2f",
    "https://news.example.go.kr\\evil": "no backslash",
    "https://news.example.go.kr?x=1": "no query (?) or fragment (#)",
    "https://news.example.go.kr#top": "no query (?) or fragment (#)",
    "https://news.example.go.kr\t": "no spaces or control characters",
    " https://news.example.go.kr": "no spaces or control characters",
    "https://news.exa\u0000mple.go.kr": "no spaces or control characters",
    "//news.example.go.kr": "starting with https:// or http://",
    "ftp://news.example.go.kr": "starting with https:// or http://",
    "https://": "a host name after the //",
  };
  for (const [value, expected] of Object.entries(origins)) {
    it(`base URL ${JSON.stringify(value)}: ${expected}`, () => {
      const reading = readSiteOrigin(value);
      if (expected.startsWith("http")) {
        assert.deepEqual(reading, { ok: true, value: expected });
      } else {
        assert.ok(!reading.ok && reading.why.includes(expected), `expected "${expected}", got ${JSON.stringify(reading)}`);
      }
    });
  }

  const prefixes: Readonly<Record<string, string>> = {
    "/": "/",
    "": "/",
    news: "/news/",
    "/news": "/news/",
    "news/": "/news/",
    "/a/b/": "/a/b/",
    "//x": "not //, which a browser reads as another site",
    "/a//b/": "no empty folders",
    "/../": "no . or .. folders",
    "/./": "no . or .. folders",
    "/a/../b/": "no . or .. folders",
    "/%2e%2e/": "no percent-encoded characters such as %2e or %2f",
    "/a%2fb/": "no percent-encoded characters such as %2e or %2f",
    "/a\\b/": "no backslash",
    "/a?b/": "no query (?) or fragment (#)",
    "/a#b/": "no query (?) or fragment (#)",
    "/a b/": "no spaces or control characters",
    "/a\n/": "no spaces or control characters",
    "/한글/": "folder names of letters, digits, - . _ and ~ only",
  };
  for (const [value, expected] of Object.entries(prefixes)) {
    it(`path prefix ${JSON.stringify(value)}: ${expected}`, () => {
      const reading = readPathPrefix(value);
      if (expected.startsWith("/")) {
        assert.deepEqual(reading, { ok: true, value: expected });
      } else {
        assert.ok(!reading.ok && reading.why.includes(expected), `expected "${expected}", got ${JSON.stringify(reading)}`);
      }
    });
  }

  it("site.json is held to the same rules, and its values normalised", async () => {
    const site = (baseUrl: string, pathPrefix: string) => ({
      "_data/site.json": JSON.stringify(
        { name: { ko: "소식", en: "News" }, baseUrl, pathPrefix, defaultLang: "ko" },
        null,
        2,
      ),
    });
    const bad = loadContent(await makeContent(site("https://user:pass@x.example", "//x")));
    const messages = bad.issues.map(formatIssue).map((line) => line.replace(/^.*_data\//, ""));
    assert.deepEqual(messages, [
      'site.json:6: baseUrl: expected the site\'s address without a path, like https://news.example.go.kr, got "https://user:pass@x.example" (no user name or password)',
      'site.json:7: pathPrefix: expected a path like / or /repo-name/, got "//x" (not //, which a browser reads as another site)',
    ]);
    const good = loadContent(await makeContent(site("https://News.Example.go.kr/", "news")));
    assert.equal(good.site?.baseUrl, "https://news.example.go.kr");
    assert.equal(good.site.pathPrefix, "/news/");
  });

  it("npm run build refuses a bad --base-url or --path-prefix with exit 2 and one line", async () => {
    const cases = [
      ["--base-url", "https://user:pass@news.example.go.kr", "--base-url: expected the site's address without a path, like https://news.example.go.kr, got \"https://user:pass@news.example.go.kr\" (no user name or password)"],
      ["--base-url", "https://news.example.go.kr/%2e%2e", "(no percent-encoded characters such as %2e or %2f)"],
      ["--path-prefix", "//x", "--path-prefix: expected a path like /name/, got \"//x\" (not //"],
      ["--path-prefix", "/a/../b/", "--path-prefix: expected a path like /name/, got \"/a/../b/\" (no . or .. folders)"],
    ] as const;
    for (const [option, value, message] of cases) {
      const result = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", "/nonexistent/never-written", option, value]);
      assert.equal(result.code, 2, `${option} ${value} should exit 2, stderr:\n${result.stderr}`);
      assert.ok(result.stderr.includes(message) && result.stderr.includes(JSON.stringify(value)), `stderr should say "${message}" and the value, got\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /\bat .*\.(ts|js):\d+/, "no stack trace should be printed");
    }
  });
});

describe("protocol-relative links lead to other sites", () => {
  it("get rel=noopener noreferrer like any link to another site", () => {
    const html = renderMarkdown(
      "[a](//evil.example/x) [b](\\\\\\\\evil.example\\\\x) [c](/\\evil.example) [d](https://x.example/) [e](/en/notices/) [f](mailto:a@b.example)",
    );
    const $ = cheerio.load(html);
    const rel = Object.fromEntries($("a").map((_, a) => [[$(a).text(), $(a).attr("rel") ?? ""]]).get() as [string, string][]);
    assert.deepEqual(rel, {
      a: "noopener noreferrer",
      b: "noopener noreferrer",
      c: "noopener noreferrer",
      d: "noopener noreferrer",
      e: "",
      f: "",
    });
  });

  it("are not checked as links into the board, and attachments cannot be one", async () => {
    const { bySlug } = await issuesOf({
      "2019-03-12-links": noticeFile(
        FIELDS,
        "[a](//news.example.go.kr/en/notices/2019-01-01-missing/)\n\n[b](/\\news.example.go.kr/en/notices/2019-01-01-missing/)",
      ),
      "2019-03-12-attachment": `---\ntitle: x\ndate: 2019-03-12\nministry: MOIS\nattachments:\n  - file: //evil.example/x.pdf\n    title: A\n  - file: \\\\evil.example\\x.pdf\n    title: B\n---\nBody\n`,
    });
    assert.deepEqual(bySlug("2019-03-12-links"), [], "links to other hosts are not board links");
    assert.deepEqual(bySlug("2019-03-12-attachment"), [
      "2019-03-12-attachment.md:6: attachments.0.file: expected a path inside the notices folder (no leading /, no .., no backslash)",
      "2019-03-12-attachment.md:8: attachments.1.file: expected a path inside the notices folder (no leading /, no .., no backslash)",
    ]);
  });
});

describe("bodies nested deeper than Markdown follows", () => {
  const list = (depth: number) =>
    Array.from({ length: depth }, (_, i) => `${" ".repeat(2 * i)}- item ${String(i)}`).join("\n");
  // Body lines start at line 6 (---, title, date, ministry, ---); the intro takes two.
  const bodies: Readonly<Record<string, { body: string; line?: number }>> = {
    "2019-03-12-list-49": { body: `Intro.\n\n${list(49)}\n\nThe end.` },
    "2019-03-12-list-50": { body: `Intro.\n\n${list(50)}\n\nThe end.`, line: 6 + 2 + 49 },
    "2019-03-12-quotes-99": { body: `Intro.\n\n${">".repeat(99)} reply\n\nThe end.` },
    "2019-03-12-quotes-101": { body: `Intro.\n\n${">".repeat(101)} reply\n\nThe end.`, line: 8 },
    "2019-03-12-mixed": {
      body: `Intro.\n\n${Array.from({ length: 40 }, (_, i) => `${"> ".repeat(i)}- x`).join("\n")}`,
    },
  };

  it("names the line where markdown-it would stop, and accepts what it still renders whole", async () => {
    const notices: Record<string, string> = {};
    for (const [slug, { body }] of Object.entries(bodies)) notices[slug] = noticeFile(FIELDS, body);
    const { bySlug } = await issuesOf(notices);
    for (const [slug, { body, line }] of Object.entries(bodies)) {
      const html = renderMarkdown(body);
      const whole = html.includes("The end.") && /item 48|reply|- x|<li>x/.test(html);
      if (line === undefined) {
        assert.deepEqual(bySlug(slug), [], `${slug} should be accepted`);
        assert.ok(whole || !body.includes("The end."), `${slug} renders whole`);
      } else {
        assert.deepEqual(bySlug(slug), [
          `${slug}.md:${String(line)}: body: lists or quotes nest more than 100 levels deep here: the text from this line on would not be shown; nest them less`,
        ]);
        assert.ok(!whole, `${slug}: markdown-it does drop text here, which the check is about`);
      }
    }
  });
});

describe("links into the site's language folders", () => {
  it("warns of a link to no page there, and leaves the rest of the host alone", async () => {
    const body = [
      "[board typo](/en/notice/2019-03-12-strict/)",
      "[search typo](/ko/serch/)",
      "[home](/en/) [list](/en/notices/) [page](/en/notices/page/2/) [search](/ko/search/?q=x)",
      "[feed](/en/feed.xml) [notice](/en/notices/2019-03-12-strict/#top)",
      "[other system](/policy/privacy/) [up](../../../../etc/passwd) [site](https://example.org/en/x/)",
    ].join("\n\n");
    const content = loadContent(
      await makeContent({ "en/notices/2019-03-12-strict.md": noticeFile(FIELDS, body) }),
    );
    const warnings = content.issues
      .filter((issue) => issue.severity === "warning" && issue.key === "link")
      .map((issue) => `${String(issue.line)}: ${issue.message.split(" leads to")[0] ?? ""}`);
    assert.deepEqual(warnings, ["6: /en/notice/2019-03-12-strict/", "8: /ko/serch/"]);
    assert.equal(content.issues.filter((issue) => issue.severity === "error").length, 0);
  });
});
