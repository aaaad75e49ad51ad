import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import type { CheerioAPI } from "cheerio";
import * as cheerio from "cheerio";
import { loadContent } from "../../src/content/load.ts";
import { fileForUrl } from "../helpers/links.ts";
import { SAMPLE_CONTENT, buildSite, listFiles, readPage } from "../helpers/site.ts";

const REFERENCE = "/en/notices/2018-07-23-vice-minister-visits-czech-republic-and-georgia/";
const source = loadContent(SAMPLE_CONTENT);
const published = source.notices.filter((n) => !n.draft && n.date.epochMs <= Date.now());
let output = "";
let htmlFiles: string[] = [];

function pageOf(file: string): CheerioAPI {
  return cheerio.load(readFileSync(join(output, file), "utf8"));
}

/** Asserts a link target exists in the built site, anchors included. */
function assertResolves(from: string, href: string | undefined): void {
  assert.ok(href, `${from}: a link has no href`);
  const file = fileForUrl(output, href);
  assert.ok(file, `${from}: ${href} should point to a page that exists`);
  const anchor = href.split("#")[1];
  if (anchor) {
    assert.equal(
      cheerio.load(readFileSync(file, "utf8"))(`[id="${anchor}"]`).length,
      1,
      `${from}: #${anchor} should exist in ${href}`,
    );
  }
}

describe("the sample site", () => {
  before(async () => {
    assert.deepEqual(
      source.issues.filter((i) => i.severity === "error"),
      [],
      "the sample content should be valid",
    );
    ({ output } = await buildSite(SAMPLE_CONTENT));
    htmlFiles = (await listFiles(output)).filter((f) => f.endsWith(".html"));
  });

  it("has exactly one page per published notice and language, and none for drafts", () => {
    const noticePages = htmlFiles.filter((f) =>
      /^(ko|en)\/[a-z][a-z0-9-]*\/\d{4}-[^/]+\/index\.html$/.test(f),
    );
    const expected = published.map((n) => `${n.lang}/${n.board}/${n.slug}/index.html`).sort();
    assert.deepEqual(noticePages.sort(), expected);
    for (const draft of source.notices.filter((n) => n.draft)) {
      assert.ok(
        !htmlFiles.includes(`${draft.lang}/${draft.board}/${draft.slug}/index.html`),
        `draft ${draft.file} should not be published`,
      );
    }
    for (const lang of ["ko", "en"]) {
      const files = readdirSync(join(SAMPLE_CONTENT, lang, "notices")).filter((f) =>
        f.endsWith(".md"),
      );
      assert.ok(files.length >= 12, `the sample should have at least 12 ${lang} notices`);
    }
  });

  it("lists every listed notice exactly once on its board", () => {
    for (const lang of ["ko", "en"] as const) {
      for (const board of new Set(published.map((n) => n.board))) {
        const boardPages = htmlFiles.filter(
          (f) => f === `${lang}/${board}/index.html` || f.startsWith(`${lang}/${board}/page/`),
        );
        // Numbered rows only: a pinned notice also stands above them, on every page.
        const linked = boardPages.flatMap((file) =>
          pageOf(file)("table.board tbody tr:not(.row-pinned) a")
            .map((_, a) => pageOf(file)(a).attr("href"))
            .get(),
        );
        const expected = published
          .filter((n) => n.lang === lang && n.board === board)
          .filter((n) => !(n.expires && n.expires.epochMs < Date.now()))
          .map((n) => `/${lang}/${board}/${n.slug}/`);
        assert.deepEqual(
          [...linked].sort(),
          [...expected].sort(),
          `${lang}/${board} board should list each notice once`,
        );
      }
    }
  });

  it("shows the reference notice as the design describes", async () => {
    const $ = await readPage(output, REFERENCE);
    assert.equal($("html").attr("lang"), "en");
    const firstLinks = $("body a")
      .slice(0, 2)
      .map((_, a) => $(a).attr("href"))
      .get();
    assert.deepEqual(
      firstLinks,
      ["#content", "#top-menu"],
      "skip links should come before anything else",
    );
    assert.deepEqual(
      $(".skip-links a")
        .map((_, a) => $(a).text())
        .get(),
      ["Go to body", "Go to top menu"],
    );
    assert.equal($("#content").prop("tagName"), "MAIN");
    assert.equal($("#top-menu").prop("tagName"), "NAV");
    const crumbs = $(".breadcrumbs li")
      .map((_, li) => $(li).text().trim())
      .get();
    assert.deepEqual(crumbs, [
      "Home",
      "What's New",
      "News & Notices",
      "Vice Minister of the Interior and Safety visits the Czech Republic and Georgia",
    ]);
    assert.equal(
      $(".breadcrumbs li:last-child a").length,
      0,
      "the last breadcrumb should not be a link",
    );
    $(".breadcrumbs a").each((_, a) => {
      assertResolves(REFERENCE, $(a).attr("href"));
    });
    assert.equal($(".board-name").text(), "News & Notices");
    assert.equal(
      $("h1").text(),
      "Vice Minister of the Interior and Safety visits the Czech Republic and Georgia",
    );
    const meta = $(".notice-meta").text().replace(/\s+/g, " ");
    assert.match(meta, /Date : 2018\.07\.23/);
    assert.match(meta, /Views : 16,869/);
    assert.match(meta, /Ministry : Ministry of the Interior and Safety/);
    assert.equal($(".notice-meta time").attr("datetime"), "2018-07-23");
    const attachment = $(".attachments tbody tr").first();
    assert.equal(attachment.find("td").eq(1).text(), "PDF");
    assert.match(attachment.find("td").eq(2).text(), /^\d+(\.\d)? (B|KB)$/);
    assertResolves(REFERENCE, attachment.find("a").attr("href"));
    assert.ok($(".notice-body p").length >= 3, "the body should be rendered");
  });

  it("gives every notice page its navigation, pointing to pages that exist", () => {
    for (const notice of published) {
      const url = `/${notice.lang}/${notice.board}/${notice.slug}/`;
      const $ = pageOf(`${notice.lang}/${notice.board}/${notice.slug}/index.html`);
      assert.equal($("html").attr("lang"), notice.lang, `${url} should declare its language`);
      assert.equal($("h1").text(), notice.title, `${url} should show its title`);
      const back = $(".back-to-list a").attr("href");
      assertResolves(url, back);
      if (!(notice.expires && notice.expires.epochMs < Date.now())) {
        const list = pageOf(fileForUrl(output, back ?? "")?.slice(output.length + 1) ?? "");
        assert.equal(
          list(`table.board tr:not(.row-pinned) a[href="${url}"]`).length,
          1,
          `${url}: its list page ${back ?? ""} should list it`,
        );
      }
      $(".notice-nav a, .breadcrumbs a, .lang-switch a").each((_, a) => {
        assertResolves(url, $(a).attr("href"));
      });
      const translation = published.find((n) => n.lang !== notice.lang && n.slug === notice.slug);
      const switchLink = $(".lang-switch a").attr("href");
      if (translation) {
        assert.equal(
          switchLink,
          `/${translation.lang}/${notice.board}/${notice.slug}/`,
          `${url} should link to its translation`,
        );
        assert.equal(
          $('link[rel="alternate"][hreflang]').length,
          3,
          `${url} should have hreflang alternates for both languages and x-default`,
        );
        assert.equal($(".lang-note").length, 0);
      } else {
        assert.equal(
          switchLink,
          `/${notice.lang === "ko" ? "en" : "ko"}/${notice.board}/`,
          `${url} should send to the other board`,
        );
        assert.equal(
          $(".lang-note").text(),
          notice.lang === "ko" ? "(no English version)" : "(한국어판 없음)",
        );
      }
    }
  });

  it("pages every board by ten with the current page marked", () => {
    for (const lang of ["ko", "en"] as const) {
      const $ = pageOf(`${lang}/notices/index.html`);
      assert.ok($("table.board caption").text().length > 0, "the board should have a caption");
      assert.equal($("table.board thead th[scope=col]").length, 5);
      const numbered = "table.board tbody tr:not(.row-pinned)";
      assert.equal($(numbered).length, 10, `${lang} page 1 should have 10 numbered rows`);
      const numbers = $(`${numbered} td.col-number`)
        .map((_, td) => Number($(td).text()))
        .get();
      assert.equal(
        numbers[0],
        published
          .filter((n) => n.lang === lang && n.board === "notices")
          .filter((n) => !(n.expires && n.expires.epochMs < Date.now())).length,
        "the newest notice should carry the highest number",
      );
      assert.deepEqual(
        numbers,
        [...numbers].sort((a, b) => b - a),
        "numbers should run down the page",
      );
      assert.equal(
        $('.pagination a[aria-current="page"]').text().trim().replace(/\s+/g, " "),
        lang === "ko" ? "페이지 1" : "Page 1",
      );
      $(".pagination a").each((_, a) => {
        assertResolves(`/${lang}/notices/`, $(a).attr("href"));
      });
      const page2 = pageOf(`${lang}/notices/page/2/index.html`);
      assert.equal(
        page2('.pagination a[aria-current="page"]').attr("href"),
        `/${lang}/notices/page/2/`,
      );
    }
  });

  it("uses Korean words on Korean pages", async () => {
    const $ = await readPage(
      output,
      "/ko/notices/2018-07-23-vice-minister-visits-czech-republic-and-georgia/",
    );
    assert.equal($("html").attr("lang"), "ko");
    assert.deepEqual(
      $(".skip-links a")
        .map((_, a) => $(a).text())
        .get(),
      ["본문 바로가기", "주메뉴 바로가기"],
    );
    assert.deepEqual(
      $(".breadcrumbs li")
        .map((_, li) => $(li).text().trim())
        .get(),
      ["홈", "새소식", "공지사항", "행정안전부 차관, 체코·조지아 방문해 열린정부 협력 강화"],
    );
    assert.match($(".notice-meta").text(), /등록일 : 2018\.07\.23/);
  });

  it("has a root page sending to the default language and a 404 page", async () => {
    const $ = await readPage(output, "/");
    assert.match($('meta[http-equiv="refresh"]').attr("content") ?? "", /url=\/(ko|en)\/$/);
    assert.deepEqual(
      $("main a")
        .map((_, a) => $(a).attr("href"))
        .get(),
      ["/ko/", "/en/"],
    );
    const notFound = await readPage(output, "/404.html");
    assert.ok(notFound("h1").text().length > 0);
    // Links into the site (the footer's policy and social links go to other sites).
    notFound('a[href^="/"]').each((_, a) => {
      assertResolves("/404.html", notFound(a).attr("href"));
    });
  });

  it("has no broken internal links and no duplicate ids on any page", () => {
    for (const file of htmlFiles) {
      const $ = pageOf(file);
      const ids = $("[id]")
        .map((_, el) => $(el).attr("id"))
        .get();
      assert.equal(new Set(ids).size, ids.length, `${file} should have no duplicate ids`);
      $("a[href], link[href], script[src], img[src]").each((_, el) => {
        const href = $(el).attr("href") ?? $(el).attr("src") ?? "";
        if (/^[a-z]+:/i.test(href) || ($(el).attr("rel") === "alternate" && $(el).attr("hreflang")))
          return;
        if (href.startsWith("#")) {
          assert.equal($(`[id="${href.slice(1)}"]`).length, 1, `${file}: ${href} should exist`);
          return;
        }
        // A relative address (a photo beside its notice) is read from the page's folder.
        const page = new URL(`/${file.replace(/index\.html$/, "")}`, "https://site.test");
        const resolved = new URL(href, page);
        assertResolves(file, `${decodeURIComponent(resolved.pathname)}${resolved.hash}`);
      });
    }
  });
});
