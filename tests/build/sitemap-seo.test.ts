import assert from "node:assert/strict";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import * as cheerio from "cheerio";
import { loadContent } from "../../src/content/load.ts";
import { assertWellFormedXml } from "../helpers/xml.ts";
import {
  SAMPLE_CONTENT,
  buildSite,
  listFiles,
  noticeFile,
  readPage,
  tempDir,
} from "../helpers/site.ts";

const BASE = "https://news.example.go.kr";
const NO_SUMMARY = "2026-01-05-notice-without-summary";
const NOT_PAGES = new Set(["index.html", "404.html"]);

interface SitemapUrl {
  loc: string;
  lastmod?: string;
  "xhtml:link"?: { rel: string; hreflang: string; href: string }[];
}

/** The URL a page file is served at. */
function urlOfFile(file: string): string {
  return `${BASE}/${file.replace(/index\.html$/, "")}`;
}

describe("sitemap, robots.txt and page metadata", () => {
  let output = "";
  let content = "";
  let htmlFiles: string[] = [];
  let urls: SitemapUrl[] = [];

  before(async () => {
    content = join(await tempDir("sosik-content-"), "content");
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    await writeFile(
      join(content, "ko/notices", `${NO_SUMMARY}.md`),
      noticeFile(
        { title: "요약 없는 공지", date: "2026-01-05", ministry: "MOIS" },
        "## 안내\n\n주민센터 **운영 시간**이 바뀝니다 & 확인하세요. " +
          "자세한 내용은 첨부를 보세요. ".repeat(12),
      ),
    );
    ({ output } = await buildSite(content));
    htmlFiles = (await listFiles(output)).filter((file) => file.endsWith(".html"));
    const xml = await readFile(join(output, "sitemap.xml"), "utf8");
    assertWellFormedXml(xml, "sitemap.xml");
    const $ = cheerio.load(xml, { xml: true });
    urls = $("urlset > url")
      .map((_, url) => {
        const lastmod = $(url).children("lastmod").text();
        const links = $(url)
          .children("xhtml\\:link")
          .map((_, link) => ({
            rel: $(link).attr("rel") ?? "",
            hreflang: $(link).attr("hreflang") ?? "",
            href: $(link).attr("href") ?? "",
          }))
          .get();
        return {
          loc: $(url).children("loc").text(),
          ...(lastmod ? { lastmod } : {}),
          ...(links.length > 0 ? { "xhtml:link": links } : {}),
        };
      })
      .get();
  });

  it("lists every published page once, and nothing else", () => {
    const locs = urls.map((url) => url.loc);
    assert.equal(new Set(locs).size, locs.length, "no page should be listed twice");
    const pages = htmlFiles.filter((file) => !NOT_PAGES.has(file)).map(urlOfFile);
    assert.deepEqual([...locs].sort(), pages.sort());
  });

  it("dates each page by its content: notices by their date, lists by their newest notice", () => {
    const source = loadContent(content);
    for (const url of urls) {
      assert.ok(
        url.lastmod && !Number.isNaN(Date.parse(url.lastmod)),
        `${url.loc} needs a lastmod`,
      );
      const match = /\/(ko|en)\/[a-z][a-z0-9-]*\/(\d{4}-[^/]+)\/$/.exec(url.loc);
      if (!match) continue;
      const notice = source.notices.find((n) => n.lang === match[1] && n.slug === match[2]);
      // A notice's last change, else its date.
      const changed = notice?.updated ?? notice?.date;
      assert.equal(Date.parse(url.lastmod), changed?.epochMs, `lastmod of ${url.loc}`);
    }
    const enList = urls.find((url) => url.loc === `${BASE}/en/notices/`);
    // The newest English notice on the board: published (no draft, not scheduled), not expired.
    const now = Date.now();
    const newest = source.notices
      .filter((n) => n.lang === "en" && !n.draft && n.date.epochMs <= now)
      .filter((n) => n.expires === undefined || n.expires.epochMs > now)
      .map((n) => n.date.day)
      .sort()
      .at(-1);
    assert.equal(enList?.lastmod?.slice(0, 10), newest, "the newest English notice");
  });

  it("pairs translations with hreflang alternates and x-default, both ways", () => {
    const byLoc = new Map(urls.map((url) => [url.loc, url]));
    const pair = "2018-07-23-vice-minister-visits-czech-republic-and-georgia";
    const en = byLoc.get(`${BASE}/en/notices/${pair}/`);
    assert.deepEqual(
      en?.["xhtml:link"]?.map((link) => [link.rel, link.hreflang, link.href]),
      [
        ["alternate", "ko", `${BASE}/ko/notices/${pair}/`],
        ["alternate", "en", `${BASE}/en/notices/${pair}/`],
        // site.json's defaultLang is ko.
        ["alternate", "x-default", `${BASE}/ko/notices/${pair}/`],
      ],
    );
    const koOnly = byLoc.get(`${BASE}/ko/notices/${NO_SUMMARY}/`);
    assert.ok(koOnly, "the Korean-only notice is listed");
    assert.equal(koOnly["xhtml:link"], undefined, "a notice without translation has no alternates");
    for (const url of urls) {
      for (const link of url["xhtml:link"] ?? []) {
        const target = byLoc.get(link.href);
        assert.ok(target, `${url.loc}: alternate ${link.href} should be a listed page`);
        assert.ok(
          target["xhtml:link"]?.some((back) => back.href === url.loc),
          `${link.href} should point back to ${url.loc}`,
        );
      }
    }
  });

  it("has a robots.txt that points to the sitemap", async () => {
    const robots = await readFile(join(output, "robots.txt"), "utf8");
    assert.match(robots, /^User-agent: \*$/m);
    assert.match(robots, new RegExp(`^Sitemap: ${BASE}/sitemap\\.xml$`, "m"));
  });

  it("gives every page a description, and every board page canonical and Open Graph tags", async () => {
    const siteName = { ko: "행정안전부", en: "Ministry of the Interior and Safety" };
    for (const file of htmlFiles) {
      const $: CheerioAPI = await readPage(output, `/${file}`);
      const meta = (selector: string) => $(`meta[${selector}]`).attr("content");
      const description = meta('name="description"');
      assert.ok(description?.trim(), `${file} needs a description`);
      if (NOT_PAGES.has(file)) continue;
      const lang = $("html").attr("lang") as "ko" | "en";
      const canonical = $('link[rel="canonical"]').attr("href");
      assert.equal(canonical, urlOfFile(file), `${file}: canonical URL`);
      assert.equal(meta('property="og:url"'), canonical, `${file}: og:url`);
      assert.ok(meta('property="og:title"')?.trim(), `${file}: og:title`);
      assert.equal(meta('property="og:description"'), description, `${file}: og:description`);
      assert.equal(meta('property="og:site_name"'), siteName[lang], `${file}: og:site_name`);
      assert.equal(meta('property="og:locale"'), lang === "ko" ? "ko_KR" : "en_US");
      const isNotice = /^(ko|en)\/[a-z][a-z0-9-]*\/\d{4}-/.test(file);
      assert.equal(
        meta('property="og:type"'),
        isNotice ? "article" : "website",
        `${file}: og:type`,
      );
    }
  });

  it("describes a notice by its summary, or by its first words when it has none", async () => {
    const pair = "2018-07-23-vice-minister-visits-czech-republic-and-georgia";
    const withSummary = await readPage(output, `/en/notices/${pair}/`);
    const source = loadContent(content).notices.find((n) => n.lang === "en" && n.slug === pair);
    assert.equal(withSummary('meta[name="description"]').attr("content"), source?.summary);
    assert.equal(withSummary('meta[property="og:locale:alternate"]').attr("content"), "ko_KR");

    const $ = await readPage(output, `/ko/notices/${NO_SUMMARY}/`);
    const description = $('meta[name="description"]').attr("content") ?? "";
    assert.ok(
      description.startsWith("안내 주민센터 운영 시간이 바뀝니다 & 확인하세요."),
      `plain text of the body, markup removed: ${description}`,
    );
    assert.ok(description.length <= 160 && description.endsWith("…"), "cut short with an ellipsis");
    assert.equal(
      $('meta[property="og:locale:alternate"]').length,
      0,
      "no translation, no alternate",
    );
  });
});
