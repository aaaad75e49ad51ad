// The sample government site in headless Chromium: no horizontal scrolling at 320 CSS px and at
// 200% zoom on every page type in both languages, a compact header on phones, and the notice
// page's print and copy-link buttons, which exist only with JavaScript and break no CSP rule.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { UI } from "../../src/i18n.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { SAMPLE_CONTENT, buildSite } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";

const NOTICE = "notices/2019-03-12-public-data-opening-plan/";
const PAGE_TYPES = (lang: "ko" | "en") => [
  `${lang}/`,
  `${lang}/notices/`,
  `${lang}/${NOTICE}`,
  `${lang}/search/?q=${encodeURIComponent(lang === "ko" ? "안전" : "safety")}`,
  "404.html",
];

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("the government site in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;

  before(async () => {
    const { output } = await buildSite(SAMPLE_CONTENT);
    server = await serveStatic(output);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
    await server.close();
  });

  it("never scrolls sideways at 320 CSS px or at 200% zoom of 1280 px, on any page type in either language", async () => {
    // 200% zoom of a 1280 px window lays the page out in 640 CSS px at twice the pixel ratio.
    for (const viewport of [
      { width: 320, height: 640, deviceScaleFactor: 1 },
      { width: 640, height: 400, deviceScaleFactor: 2 },
    ]) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.deviceScaleFactor,
      });
      const page = await context.newPage();
      for (const lang of ["ko", "en"] as const) {
        for (const path of PAGE_TYPES(lang)) {
          await page.goto(`${server.url}${path}`, { waitUntil: "load" });
          if (path.includes("search/")) await page.waitForTimeout(300);
          assert.equal(
            await sidewaysOverflow(page),
            0,
            `/${path} at ${String(viewport.width)} px should fit the viewport`,
          );
        }
      }
      await context.close();
    }
  });

  it("keeps the header compact on a phone: at most a quarter of a 390 x 844 screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const lang of ["ko", "en"] as const) {
      await page.goto(`${server.url}${lang}/notices/`);
      const height = await page
        .locator(".site-header")
        .evaluate((el) => el.getBoundingClientRect().height);
      assert.ok(height <= 844 / 4, `${lang}: the header is ${String(height)} px tall`);
      const input = page.locator("#header-search-q");
      const fits = await input.evaluate(
        (el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1,
      );
      assert.ok(fits, `${lang}: the search placeholder is not cut`);
    }
    await page.close();
  });

  it("adds print and copy-link buttons with JavaScript, copies the canonical address, and breaks no CSP rule", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.log(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    for (const lang of ["ko", "en"] as const) {
      const t = UI[lang];
      await page.goto(`${server.url}${lang}/${NOTICE}`);
      const tools = page.getByRole("group", { name: t.pageTools });
      await tools.getByRole("button", { name: t.print }).waitFor();
      await tools.getByRole("button", { name: t.copyLink }).click();
      await page.getByRole("status").filter({ hasText: t.linkCopied }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, `https://news.example.go.kr/${lang}/${NOTICE}`, "the canonical URL");
      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
      assert.ok(JSON.parse(jsonLd ?? "null"), `${lang}: the JSON-LD block is in the live page`);
    }
    assert.deepEqual(violations, [], "nothing on a notice page should break its CSP");
    await context.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${server.url}ko/${NOTICE}`);
    assert.equal(await plain.locator("#notice-tools button").count(), 0, "no dead buttons");
    await noScript.close();
  });

  it("prints a notice with its operator, its address and its department", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}ko/${NOTICE}`);
    await page.emulateMedia({ media: "print" });
    for (const selector of [
      ".site-footer",
      ".print-source",
      ".operator-identifier",
      ".notice-info",
    ]) {
      assert.ok(await page.locator(selector).isVisible(), `${selector} should be printed`);
    }
    assert.ok(
      (await page.locator(".print-source").textContent())?.includes(
        `https://news.example.go.kr/ko/${NOTICE}`,
      ),
      "the printed page names its source address",
    );
    assert.equal(await page.locator(".top-menu").isVisible(), false, "the menu is not printed");
    await page.close();
  });
});
