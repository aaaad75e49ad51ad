// The quality gates over real builds: the sample site grown to four board pages a language (with
// and without a path prefix) and the hostile fixture. Each is built once; one browser checks
// accessibility, keyboard use and that no hostile content runs. The W3C HTML checker, which
// needs Java, runs over the same builds in built-sites.html.test.ts.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import type { Browser, Page } from "playwright-core";
import { loadContent } from "../../src/content/load.ts";
import type { SourceNotice } from "../../src/content/notice.ts";
import { UI } from "../../src/i18n.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, listFiles, readPage } from "../helpers/site.ts";
import { buildLeftovers } from "../helpers/tree.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";
import { axeViolations, clearWatch, watchScripts } from "./browser-checks.ts";
import { BIG_BODY_BYTES, BIG_NOTICE, GENERATED, boardFixture, hostileFixture } from "./fixtures.ts";
import { checkLinks } from "./link-check.ts";
import { auditPage, isSearchPage, parsePolicy } from "./page-audit.ts";

const ORIGIN = "https://news.example.go.kr";
const PREFIX = "/sosik/";

interface Built {
  readonly content: string;
  readonly output: string;
  readonly pathPrefix: string;
  /** Pages (.html) relative to the output folder. */
  pages: string[];
}

let board: Built;
let prefixed: Built;
let hostile: Built;
let hostileDigestBefore = "";
let browser: Browser;
let boardServer: StaticServer;
let hostileServer: StaticServer;

async function built(content: string, pathPrefix = "/"): Promise<Built> {
  const args = pathPrefix === "/" ? [] : ["--path-prefix", pathPrefix];
  const { output } = await buildSite(content, args);
  const pages = (await listFiles(output)).filter((file) => file.endsWith(".html"));
  return { content, output, pathPrefix, pages };
}

/** A digest of every file's path and bytes, to prove a folder was not touched. */
async function digest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await listFiles(dir)) {
    hash.update(file).update(await readFile(join(dir, file)));
  }
  return hash.digest("hex");
}

/** The last board page of a language, from the files written. */
function lastBoardPage(site: Built, lang: string): number {
  const numbers = site.pages
    .map((file) => new RegExp(`^${lang}/notices/page/(\\d+)/index\\.html$`).exec(file)?.[1])
    .filter((n) => n !== undefined)
    .map(Number);
  return Math.max(1, ...numbers);
}

/** Opens a URL of the site; for the root page, the refresh to the language home is held back. */
async function open(page: Page, server: StaticServer, path: string): Promise<void> {
  if (path === "") {
    // A 204 answer to the refresh leaves the root page in place for the checks.
    await page.route(/\/(ko|en)\/$/, (route) => route.fulfill({ status: 204 }));
    await page.goto(server.url);
    await page.waitForTimeout(200);
    await page.unrouteAll();
    return;
  }
  await page.goto(server.url + path);
  if (path.includes("search/?q=")) {
    await page.locator("#search-results li").first().waitFor();
  }
}

describe("the built sites", () => {
  before(async () => {
    const [boardContent, hostileContent] = await Promise.all([boardFixture(), hostileFixture()]);
    hostileDigestBefore = await digest(hostileContent);
    // Each build runs in its own process; two at a time keep both cores busy.
    [board, hostile] = await Promise.all([built(boardContent), built(hostileContent)]);
    prefixed = await built(boardContent, PREFIX);
    browser = await launchBrowser();
    boardServer = await serveStatic(board.output);
    hostileServer = await serveStatic(hostile.output);
  });
  after(async () => {
    await browser.close();
    await boardServer.close();
    await hostileServer.close();
  });

  describe("feeds, links and security rules of every page", () => {
    it("writes feeds and sitemap as well-formed XML", async () => {
      const page = await browser.newPage();
      const xmlErrors = async (xml: string) =>
        page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, "application/xml");
          return doc.getElementsByTagName("parsererror")[0]?.textContent ?? "";
        }, xml);
      assert.notEqual(await xmlErrors("<feed><entry></feed>"), "", "a broken XML file should fail");
      let checked = 0;
      for (const site of [board, prefixed, hostile]) {
        const files = (await listFiles(site.output)).filter((file) => file.endsWith(".xml"));
        checked += files.length;
        for (const file of files) {
          const problem = await xmlErrors(await readFile(join(site.output, file), "utf8"));
          assert.equal(problem, "", `${file} should be well-formed XML`);
        }
      }
      console.log(`XML: ${String(checked)} files well-formed`);
      await page.close();
    });

    it("has no broken link, anchor or asset, at the root and under a path prefix", async () => {
      for (const site of [board, prefixed, hostile]) {
        const report = await checkLinks(site.output, {
          baseUrl: ORIGIN,
          pathPrefix: site.pathPrefix,
        });
        assert.deepEqual(report.problems, [], `links of the build at ${site.pathPrefix}`);
        assert.equal(report.pages, site.pages.length);
        assert.ok(report.internal > 10 * report.pages, "every page should have links checked");
        assert.ok(report.anchors > report.pages, "skip links should be checked on each page");
        console.log(
          `links at ${site.pathPrefix} (${site === hostile ? "hostile" : "board"}): ${String(report.pages)} pages, ${String(report.internal)} internal references, ${String(report.anchors)} anchors, ${String(report.external)} external`,
        );
      }
    });

    it("has a strict CSP first in <head>, no inline script, style or handler, and safe external links", async () => {
      let audited = 0;
      for (const site of [board, prefixed, hostile]) {
        const policies = new Set<string>();
        for (const file of site.pages) {
          const html = await readFile(join(site.output, file), "utf8");
          assert.deepEqual(auditPage(file, html, ORIGIN), []);
          const policy = cheerio
            .load(html)('meta[http-equiv="Content-Security-Policy"]')
            .attr("content");
          if (!isSearchPage(file)) policies.add(policy ?? "");
          audited++;
        }
        assert.equal(policies.size, 1, "every page but search should have the same policy");
      }
      const search = await readPage(board.output, "/en/search/");
      const policy = parsePolicy(
        search('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "",
      );
      assert.deepEqual(policy.get("script-src"), ["'self'", "'wasm-unsafe-eval'"]);
      assert.deepEqual(policy.get("connect-src"), ["'self'"]);
      console.log(`CSP and inline-script audit: ${String(audited)} pages`);
    });

    it("catches what it looks for: an inline script, a handler, a script URL, a bare external link", () => {
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>
        <script>alert(1)</script><p onclick="x()">x</p><a href=" JaVa&#x09;script:x()">x</a>
        <a href="https://example.org/">x</a><p style="color:red">x</p></body></html>`;
      const problems = auditPage("en/index.html", page, ORIGIN).join("\n");
      for (const expected of [
        "one CSP meta tag",
        "inline script",
        "event handler onclick",
        "script URL",
        "noopener",
        "style attribute",
      ]) {
        assert.ok(
          problems.includes(expected),
          `the audit should report "${expected}":\n${problems}`,
        );
      }
    });
  });

  describe("accessibility", () => {
    it("has no axe-core violation (WCAG 2.2 A/AA and best practices) on any page type in either language", async () => {
      const paths = [""];
      for (const lang of ["ko", "en"] as const) {
        const notOther = lang === "ko" ? GENERATED.koreanOnly : GENERATED.englishOnly;
        const query = lang === "ko" ? "행정안전부" : "inspection";
        paths.push(
          `${lang}/`,
          `${lang}/notices/`,
          `${lang}/notices/page/2/`,
          `${lang}/notices/page/${String(lastBoardPage(board, lang))}/`,
          `${lang}/notices/${GENERATED.withAttachments}/`,
          `${lang}/notices/${notOther}/`,
          `${lang}/notices/2016-03-04-generated-notice-4/`,
          // A sample notice with photos: pictures, a figure and its caption.
          `${lang}/notices/2026-10-13-public-wifi-expansion-results/`,
          `${lang}/search/`,
          `${lang}/search/?q=${encodeURIComponent(query)}`,
        );
      }
      paths.push("404.html");
      const page = await browser.newPage();
      const watch = await watchScripts(page);
      const violations: string[] = [];
      for (const path of paths) {
        await open(page, boardServer, path);
        assert.ok((await page.locator("h1").count()) > 0, `/${path} should have loaded`);
        violations.push(...(await axeViolations(page)).map((line) => `/${path}: ${line}`));
      }
      assert.deepEqual(watch.violations, [], "no page should break its own CSP");
      assert.deepEqual(watch.errors, [], "no page script should fail");
      await page.close();
      assert.deepEqual(violations, []);
      console.log(`axe: ${String(paths.length)} pages, ${String(violations.length)} violations`);
    });

    it("reports a violation axe should find, to prove it runs", async () => {
      const page = await browser.newPage();
      await page.setContent(
        '<html lang="en"><title>x</title><main><img src="x.png"></main></html>',
      );
      const violations = await axeViolations(page);
      assert.ok(
        violations.some((line) => line.startsWith("image-alt")),
        violations.join("\n"),
      );
      await page.close();
    });

    it("reaches the skip link first; it moves focus to the main content", async () => {
      for (const lang of ["ko", "en"] as const) {
        const page = await browser.newPage();
        await page.goto(`${boardServer.url}${lang}/notices/page/2/`);
        await page.keyboard.press("Tab");
        const first = page.locator(":focus");
        assert.equal(await first.textContent(), UI[lang].skipToContent);
        const box = await first.boundingBox();
        assert.ok(box && box.y >= 0 && box.width > 10, "the focused skip link should be on screen");
        await page.keyboard.press("Enter");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "content");
        assert.match(page.url(), /#content$/);
        await page.keyboard.press("Tab");
        assert.equal(
          await page.evaluate(() => document.activeElement?.closest("main")?.id),
          "content",
          "the next Tab should stay in the main content",
        );

        await page.goto(`${boardServer.url}${lang}/`);
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        assert.equal(await page.locator(":focus").textContent(), UI[lang].skipToMenu);
        await page.keyboard.press("Enter");
        assert.equal(await page.evaluate(() => document.activeElement?.id), "top-menu");
        await page.close();
      }
    });

    it("shows where the keyboard focus is on every stop of a page", async () => {
      const page = await browser.newPage();
      for (const path of [
        "en/notices/page/2/",
        `ko/notices/${GENERATED.withAttachments}/`,
        "en/search/?q=inspection",
      ]) {
        await open(page, boardServer, path);
        const seen = new Set<string>();
        for (let stop = 0; stop < 120; stop++) {
          await page.keyboard.press("Tab");
          const state = await page.evaluate(() => {
            const element = document.activeElement;
            if (!element || element === document.body) return undefined;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
              // The element's place in the document tells it apart from a twin link.
              key: `${String([...document.querySelectorAll("*")].indexOf(element))} ${element.tagName} ${element.textContent.trim().slice(0, 40)}`,
              outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
              ring: style.boxShadow !== "none",
              onScreen:
                box.width > 2 &&
                box.height > 2 &&
                box.bottom > 0 &&
                box.top < innerHeight &&
                box.right > 0 &&
                box.left < innerWidth,
            };
          });
          if (state === undefined || seen.has(state.key)) break;
          seen.add(state.key);
          assert.ok(state.outline || state.ring, `/${path}: focus on ${state.key} should be drawn`);
          assert.ok(state.onScreen, `/${path}: focused ${state.key} should be visible`);
        }
        assert.ok(seen.size >= 10, `/${path}: Tab should visit the page's controls`);
      }
      await page.close();
    });

    it("works the pagination and the language switch by keyboard", async () => {
      const page = await browser.newPage();
      await page.goto(`${boardServer.url}en/notices/`);
      const tabTo = async (selector: string) => {
        for (let stop = 0; stop < 150; stop++) {
          await page.keyboard.press("Tab");
          if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
            return;
          }
        }
        assert.fail(`Tab should reach ${selector}`);
      };
      await tabTo('.pagination a[href$="/page/2/"]:not([rel])');
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/en\/notices\/page\/2\/$/);
      assert.equal(
        await page.locator('.pagination a[aria-current="page"]').textContent(),
        "Page 2",
      );
      await tabTo(".pagination a.page-next");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/en\/notices\/page\/3\/$/);

      await tabTo(".lang-switch a");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/ko\/notices\/$/);
      assert.equal(await page.getAttribute("html", "lang"), "ko");
      await page.close();
    });

    it("marks the current page in the menu and the pagination with aria-current", async () => {
      const first = await readPage(board.output, "/en/notices/");
      assert.equal(first('.top-menu a[aria-current="page"]').attr("href"), "/en/notices/");
      assert.equal(first('.pagination a[aria-current="page"]').text(), "Page 1");
      const second = await readPage(board.output, "/ko/notices/page/2/");
      assert.equal(second('.top-menu a[aria-current="true"]').attr("href"), "/ko/notices/");
      assert.equal(second('.pagination [aria-current="page"]').length, 1);
      const notice = await readPage(board.output, `/en/notices/${GENERATED.withAttachments}/`);
      assert.equal(notice('.top-menu a[aria-current="true"]').attr("href"), "/en/notices/");
      const home = await readPage(board.output, "/ko/");
      assert.equal(home('.top-menu a[aria-current="page"]').attr("href"), "/ko/");
      for (const $ of [first, second, home]) {
        assert.ok($("table.board caption").text().trim().length > 0, "board tables have a caption");
        assert.equal(
          $("table.board th").length,
          $('table.board th[scope="col"]').length,
          "every header cell has a scope",
        );
      }
    });
  });

  describe("hostile content", () => {
    let notices: SourceNotice[] = [];
    let ministries: Record<string, { ko: string; en: string }> = {};
    let siteName: { ko: string; en: string } = { ko: "", en: "" };

    before(() => {
      const content = loadContent(hostile.content);
      notices = [...content.notices];
      ministries = { ...content.ministries };
      siteName = content.site?.name ?? siteName;
      assert.ok(notices.length >= 4, "the hostile fixture should load");
    });

    it("shows every title, summary, ministry, attachment title and site name as text", async () => {
      for (const notice of notices) {
        const $ = await readPage(hostile.output, `/${notice.lang}/notices/${notice.slug}/`);
        const ministry = ministries[notice.ministry]?.[notice.lang] ?? "";
        assert.equal($("h1").text(), notice.title, `${notice.file}: the title as text`);
        assert.equal($("title").text(), `${notice.title} | ${siteName[notice.lang]}`);
        assert.equal($(".site-name").text(), siteName[notice.lang]);
        assert.ok($(".notice-meta").text().includes(ministry), `${notice.file}: the ministry`);
        if (notice.summary !== undefined) {
          assert.equal($('meta[name="description"]').attr("content"), notice.summary);
        }
        assert.deepEqual(
          $(".attachments tbody .att-name a")
            .map((_, a) => $(a).text())
            .get(),
          notice.attachments.map((attachment) => attachment.title),
        );
        assert.equal($("main script, main style, main iframe, main img[onerror]").length, 0);
      }
      const list = await readPage(hostile.output, "/en/notices/");
      assert.ok(
        list("table.board td.col-ministry")
          .text()
          .includes(ministries.EVIL?.en ?? "?"),
        "the board shows the hostile ministry name as text",
      );
    });

    it("shows a body's raw HTML as text and renders no script or data link", async () => {
      const $ = await readPage(hostile.output, "/en/notices/2020-01-01-script-injection/");
      const body = $(".notice-body");
      assert.ok(body.text().includes("<script>alert('body-script')</script>"));
      assert.ok(body.text().includes("[javascript link](javascript:alert('link'))"));
      assert.equal(body.find("script, style, iframe, div, img, svg").length, 0);
      const hrefs = body
        .find("a")
        .map((_, a) => $(a).attr("href"))
        .get();
      assert.deepEqual(hrefs, ["/en/notices/", "https://example.org/page"]);
    });

    it("runs no script in the browser on any page, and the watchers would see one", async () => {
      const page = await browser.newPage();
      const watch = await watchScripts(page);
      const paths = [
        "",
        "ko/",
        "en/",
        "ko/notices/",
        "en/notices/",
        ...notices.map((n) => `${n.lang}/notices/${n.slug}/`),
        `en/search/?q=${encodeURIComponent("alert")}`,
        `ko/search/?q=${encodeURIComponent("본문")}`,
        "404.html",
      ];
      for (const path of paths) {
        clearWatch(watch);
        await open(page, hostileServer, path);
        await hoverEverything(page);
        assert.deepEqual(watch.dialogs, [], `/${path}: no dialog should open`);
        assert.deepEqual(watch.violations, [], `/${path}: nothing should break the CSP`);
        assert.deepEqual(watch.errors, [], `/${path}: no script error`);
        assert.deepEqual(await liveScriptProblems(page), [], `/${path}: the live document`);
      }

      // The same watchers on the same page see a script that does run, and one the CSP stops.
      clearWatch(watch);
      await page.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "alert('injected')";
        document.body.append(script);
      });
      await page.evaluate(() => {
        alert("canary");
      });
      await expectSoon(() => watch.violations.length > 0 && watch.dialogs.length > 0);
      assert.match(watch.violations[0] ?? "", /^script-src-elem inline/);
      assert.deepEqual(watch.dialogs, ["alert: canary"]);
      await page.close();
    });

    it("finds hostile notices in search and shows their titles as text", async () => {
      const page = await browser.newPage();
      const watch = await watchScripts(page);
      await open(page, hostileServer, `en/search/?q=${encodeURIComponent("alert")}`);
      const titles = await page.locator("#search-results h2 a").allTextContents();
      assert.ok(
        titles.includes(
          "<script>alert('title')</script> & <b onclick=\"alert('title-b')\">bold</b>",
        ),
        `the hostile title should be a result, as text: ${titles.join(" | ")}`,
      );
      assert.equal(await page.locator("#search-results *:not(li, h2, a, p, mark)").count(), 0);
      assert.deepEqual(watch.dialogs, []);
      await page.close();
    });

    it("publishes a 5 MB body", async () => {
      const file = join(hostile.output, "en", "notices", BIG_NOTICE, "index.html");
      const html = await readFile(file, "utf8");
      assert.ok(Buffer.byteLength(html) > BIG_BODY_BYTES, "the whole body should be on the page");
      assert.ok(!html.includes("<script>alert('big')"), "its raw HTML should be escaped");
    });

    it("writes nothing outside the output and its store, and leaves the content as it was", async () => {
      assert.deepEqual(
        (await readdir(dirname(hostile.output))).sort(),
        ["._site.sosik", "_site"],
        "beside the output link there should be only its store",
      );
      assert.deepEqual(
        await buildLeftovers(hostile.output),
        [],
        "the store should hold no leftovers",
      );
      assert.equal(await digest(hostile.content), hostileDigestBefore);
      assert.deepEqual(await readdir(dirname(hostile.content)), ["content"]);
    });
  });
});

/** Moves the mouse over every element of main and the header, where content is shown. */
async function hoverEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const element of document.querySelectorAll("header *, main *")) {
      for (const type of ["mouseover", "mouseenter", "focus", "click"]) {
        if (type === "click" && element.closest("a, button, form")) continue;
        element.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
  });
}

/** Handlers, scripts and script URLs in the document as the browser holds it after loading. */
async function liveScriptProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) problems.push(`${element.tagName} ${attribute.name}`);
      }
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
      if (!/^(https?|mailto|tel):$/.test(link.protocol)) problems.push(`link to ${link.href}`);
    }
    // The search page's and the notice tools' files; JSON-LD blocks are data, not scripts.
    for (const script of document.scripts) {
      if (script.type === "application/ld+json" && script.src === "") continue;
      if (!/\/assets\/(search|notice)\.js$/.test(script.src))
        problems.push(`script ${script.src || "inline"}`);
    }
    return problems;
  });
}

/** Waits up to a second for a condition that events reported from the page will make true. */
async function expectSoon(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 20 && !condition(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(condition(), "the watchers should have reported in time");
}
