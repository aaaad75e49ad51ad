import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parseFeed } from "@rowanmanning/feed-parser";
import { fileForUrl } from "../helpers/links.ts";
import { assertWellFormedXml } from "../helpers/xml.ts";
import { buildSite, listFiles, makeContent, noticeFile, readPage } from "../helpers/site.ts";

const BASE = "https://feeds.example.org";
const PREFIX = "/board/";
const SITE = `${BASE}${PREFIX}`;
const day = (n: number) => String(n).padStart(2, "0");
const slug = (n: number) => `2021-01-${day(n)}-notice-${day(n)}`;
/** Every fifth English notice is the Ministry of Justice's. */
const ministryOf = (n: number) => (n % 5 === 0 ? "MOJ" : "MOIS");

function fixture(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= 23; n++) {
    const body =
      n === 23
        ? "See [the first notice](/en/notices/2021-01-01-notice-01/) and [the second](../2021-01-02-notice-02/)."
        : `Body of notice ${String(n)}.`;
    files[`en/notices/${slug(n)}.md`] = noticeFile(
      { title: `Notice ${String(n)}`, date: `2021-01-${day(n)}`, ministry: ministryOf(n) },
      body,
    );
  }
  // Newer than every listed notice, so each would lead the feed if it slipped in.
  files["en/notices/2021-01-30-draft.md"] = noticeFile({
    title: "Draft",
    date: "2021-01-30",
    ministry: "MOJ",
    draft: "true",
  });
  files["en/notices/2021-01-31-expired.md"] = noticeFile({
    title: "Expired",
    date: "2021-01-31",
    ministry: "MOJ",
    expires: "2021-02-01",
  });
  files["en/notices/2099-01-01-future.md"] = noticeFile({
    title: "Future",
    date: "2099-01-01",
    ministry: "MOJ",
  });
  files["ko/notices/2021-01-23-notice-23.md"] = noticeFile({
    title: "'요금 & <수수료> \"2021\"'",
    date: "2021-01-23",
    ministry: "MOIS",
    summary: "요약 & 설명",
  });
  // The Ministry of Land's only Korean notice has expired: its feed stays, empty.
  files["ko/notices/2021-01-05-land-notice.md"] = noticeFile({
    title: "공지 5",
    date: "2021-01-05",
    ministry: "MOLIT",
    expires: "2021-02-01",
  });
  files["ko/notices/2021-01-10-notice-10.md"] = noticeFile({
    title: "공지 10",
    date: "2021-01-10",
    ministry: "MOJ",
  });
  return files;
}

describe("Atom feeds", () => {
  let output = "";

  async function feedAt(urlPath: string) {
    const xml = await readFile(join(output, urlPath), "utf8");
    assertWellFormedXml(xml, urlPath);
    return parseFeed(xml);
  }

  before(async () => {
    const content = await makeContent(fixture());
    ({ output } = await buildSite(content, ["--base-url", BASE, "--path-prefix", PREFIX]));
  });

  it("lists a language's 20 newest listed notices with absolute URLs and notice dates", async () => {
    const feed = await feedAt("en/feed.xml");
    assert.equal(feed.language, "en");
    assert.equal(feed.self, `${SITE}en/feed.xml`);
    assert.equal(feed.url, `${SITE}en/notices/`);
    const expected = Array.from({ length: 20 }, (_, i) => slug(23 - i));
    assert.deepEqual(
      feed.items.map((item) => item.url),
      expected.map((s) => `${SITE}en/notices/${s}/`),
      "newest first, without drafts, future or expired notices, at most 20",
    );
    for (const item of feed.items) {
      assert.equal(item.id, item.url, "an entry's id is its page's address");
      const n = Number(/notice-(\d+)\/$/.exec(item.url ?? "")?.[1]);
      assert.equal(item.title, `Notice ${String(n)}`);
      // A bare date is midnight in Seoul.
      assert.equal(item.updated?.toISOString(), `2021-01-${day(n - 1)}T15:00:00.000Z`);
      assert.equal(item.published?.toISOString(), item.updated.toISOString());
      assert.equal(item.categories[0]?.term, ministryOf(n));
    }
    assert.equal(
      feed.updated?.toISOString(),
      feed.items[0]?.updated?.toISOString(),
      "the feed is as new as its newest entry, whatever the build time",
    );
  });

  it("makes links inside entry content absolute, path prefix included", async () => {
    const feed = await feedAt("en/feed.xml");
    const content = feed.items[0]?.content ?? "";
    assert.match(
      content,
      /href="https:\/\/feeds\.example\.org\/board\/en\/notices\/2021-01-01-notice-01\/"/,
    );
    assert.match(
      content,
      /href="https:\/\/feeds\.example\.org\/board\/en\/notices\/2021-01-02-notice-02\/"/,
    );
  });

  it("keeps text with markup characters intact", async () => {
    const feed = await feedAt("ko/feed.xml");
    assert.equal(feed.language, "ko");
    assert.equal(feed.items[0]?.title, '요금 & <수수료> "2021"');
    assert.equal(feed.items[0].description, "요약 & 설명");
  });

  it("has one feed per ministry and language with only that ministry's notices", async () => {
    const moj = await feedAt("en/feeds/moj.xml");
    assert.equal(moj.self, `${SITE}en/feeds/moj.xml`);
    assert.deepEqual(
      moj.items.map((item) => item.url),
      [20, 15, 10, 5].map((n) => `${SITE}en/notices/${slug(n)}/`),
    );
    const files = (await listFiles(output)).filter((f) => /^(ko|en)\/feeds\//.test(f));
    assert.deepEqual(
      files,
      [
        "en/feeds/mois.xml",
        "en/feeds/moj.xml",
        "ko/feeds/mois.xml",
        "ko/feeds/moj.xml",
        "ko/feeds/molit.xml",
      ],
      "a feed for each ministry with a published notice in the language, and no other",
    );
    for (const file of files) {
      const feed = await feedAt(file);
      const code = /([a-z]+)\.xml$/.exec(file)?.[1]?.toUpperCase();
      assert.ok(
        feed.items.every((item) => item.categories[0]?.term === code),
        `${file} lists only its ministry's notices`,
      );
    }
    const empty = await feedAt("ko/feeds/molit.xml");
    assert.equal(empty.items.length, 0);
    assert.equal(
      empty.updated?.toISOString(),
      "2021-01-04T15:00:00.000Z",
      "an empty feed is as new as its ministry's newest notice, whatever the build time",
    );
  });

  it("is announced on pages: the board's feed everywhere, the ministry's on its notices", async () => {
    const feedLinks = async (url: string) => {
      const $ = await readPage(output, url);
      return $('link[rel="alternate"][type="application/atom+xml"]')
        .map((_, link) => $(link).attr("href"))
        .get();
    };
    assert.deepEqual(await feedLinks("/en/"), [`${PREFIX}en/feed.xml`]);
    assert.deepEqual(await feedLinks("/ko/notices/"), [`${PREFIX}ko/feed.xml`]);
    const onNotice = await feedLinks(`/en/notices/${slug(10)}/`);
    assert.deepEqual(onNotice, [`${PREFIX}en/feed.xml`, `${PREFIX}en/feeds/moj.xml`]);
    for (const href of onNotice) {
      assert.ok(fileForUrl(output, href, PREFIX), `${href} should be a file of the site`);
    }
  });

  it("announces a notice's two feeds under distinct titles, the ones the feeds carry", async () => {
    const $ = await readPage(output, `/en/notices/${slug(10)}/`);
    const titles = $('link[rel="alternate"][type="application/atom+xml"]')
      .map((_, link) => $(link).attr("title"))
      .get();
    assert.deepEqual(titles, [
      "Ministry of the Interior and Safety · News & Notices — all ministries",
      "Ministry of the Interior and Safety · News & Notices — Ministry of Justice",
    ]);
    assert.equal((await feedAt("en/feed.xml")).title, titles[0]);
    assert.equal((await feedAt("en/feeds/moj.xml")).title, titles[1]);
    const ko = await readPage(output, "/ko/notices/2021-01-23-notice-23/");
    assert.deepEqual(
      ko('link[rel="alternate"][type="application/atom+xml"]')
        .map((_, link) => ko(link).attr("title"))
        .get(),
      ["행정안전부 · 공지사항 — 전체 부처", "행정안전부 · 공지사항 — 행정안전부"],
      "Korean pages name the scope too, where the site and the ministry share a name",
    );
  });

  it("shows a named link to the board's feed on every list page and the ministry's on notices", async () => {
    const visibleFeedLinks = async (url: string) => {
      const $ = await readPage(output, url);
      return $('main a[type="application/atom+xml"]')
        .map((_, link) => `${$(link).attr("href") ?? ""} ${$(link).text()}`)
        .get();
    };
    for (const url of ["/en/notices/", "/en/notices/page/2/"]) {
      assert.deepEqual(
        await visibleFeedLinks(url),
        [`${PREFIX}en/feed.xml Subscribe to the feed of all notices`],
        `${url} should show one link to the English feed`,
      );
    }
    assert.deepEqual(await visibleFeedLinks("/ko/notices/"), [
      `${PREFIX}ko/feed.xml 공지사항 피드 구독 (전체 부처)`,
    ]);
    assert.deepEqual(await visibleFeedLinks(`/en/notices/${slug(10)}/`), [
      `${PREFIX}en/feeds/moj.xml Subscribe to the feed of Ministry of Justice notices`,
    ]);
    assert.deepEqual(await visibleFeedLinks("/ko/notices/2021-01-10-notice-10/"), [
      `${PREFIX}ko/feeds/moj.xml 법무부 공지사항 피드 구독`,
    ]);
  });
});
