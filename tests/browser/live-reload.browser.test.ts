import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, makeContent, noticeFile, noticePair, readPage } from "../helpers/site.ts";
import { spawnPreview } from "../helpers/preview.ts";

/** The published pages' policy, exactly as it was before the preview had a policy of its own. */
const PRODUCTION_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; object-src 'none'";
const PRODUCTION_SEARCH_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";
/** The preview adds the live-reload client's WebSocket to its own origin, nothing else. */
const PREVIEW_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";

const SLUG = "2019-03-12-published";
const NOTICE = `en/notices/${SLUG}.md`;
const files = () => noticePair(SLUG, "Published notice");

/** A notice file of the fixture with another title or date. */
function notice(title: string, date = "2019-03-12"): string {
  return noticeFile({ title: JSON.stringify(title), date, ministry: "MOIS" });
}

function policyOf($: cheerio.CheerioAPI): string | undefined {
  return $('meta[http-equiv="Content-Security-Policy"]').attr("content");
}

describe("the Content Security Policy of published pages and of the preview", () => {
  it("keeps a production build's policy exactly as it was", async () => {
    const { output } = await buildSite(await makeContent(files()));
    for (const path of ["/en/", `/en/notices/${SLUG}/`, "/en/notices/", "/404.html", "/"]) {
      assert.equal(policyOf(await readPage(output, path)), PRODUCTION_POLICY, `${path}'s policy`);
    }
    assert.equal(policyOf(await readPage(output, "/en/search/")), PRODUCTION_SEARCH_POLICY);
  });
});

describe("npm start in a browser", () => {
  let contentDir = "";
  let server: ChildProcessWithoutNullStreams | undefined;
  let readOutput = () => "";
  let origin = "";
  let browser: Browser | undefined;

  before(async () => {
    contentDir = await makeContent(files());
    const preview = await spawnPreview(contentDir);
    server = preview.child;
    readOutput = preview.output;
    origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the preview did not start in 90 s:\n${readOutput()}`));
      }, 90_000);
      server?.stdout.on("data", () => {
        const home = /^Preview at (http:\/\/\S+)$/m.exec(readOutput())?.[1];
        if (home) {
          clearTimeout(timer);
          resolve(new URL(home).origin);
        }
      });
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server?.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
  });

  /** Opens the notice page; collects the console's messages and the policy violations. */
  async function openNotice(): Promise<{ page: Page; console: string[]; violations: string[] }> {
    assert.ok(browser);
    const page = await browser.newPage();
    const messages: string[] = [];
    const violations: string[] = [];
    page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const exposed = window as unknown as { reportViolation: (text: string) => void };
        exposed.reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(`${origin}/en/notices/${SLUG}/`);
    // The reload client logs "Connected" once its WebSocket is open.
    await waitFor("the live-reload connection", 15_000, () =>
      messages.some((text) => /\[11ty\].*Connected/.test(text)),
    );
    return { page, console: messages, violations };
  }

  it("the preview's pages carry the preview policy", async () => {
    const response = await fetch(`${origin}/en/notices/${SLUG}/`);
    assert.equal(policyOf(cheerio.load(await response.text())), PREVIEW_POLICY);
  });

  it("reloads an open notice page when its Markdown file changes, with no policy violation", async () => {
    const { page, console: messages, violations } = await openNotice();
    try {
      assert.equal(await page.locator("h1").textContent(), "Published notice");
      await writeFile(join(contentDir, NOTICE), notice("Edited in the editor"));
      await page.waitForFunction(
        () => document.querySelector("h1")?.textContent === "Edited in the editor",
        undefined,
        { timeout: 30_000 },
      );
      assert.deepEqual(violations, [], "no Content Security Policy violation");
      const refused = messages.filter((text) => /Content Security Policy|Refused to/i.test(text));
      assert.deepEqual(refused, [], "no policy message in the console");
    } finally {
      await page.close();
    }
  });

  it("shows a content error in the open page until the file is fixed, serving the last good page", async () => {
    const { page, violations } = await openNotice();
    try {
      const good = (await page.locator("h1").textContent()) ?? "";
      // An editor's typo, with markup in it that must show as text.
      await writeFile(join(contentDir, NOTICE), notice("Broken", "<b>23/07/2018</b>"));
      const banner = page.locator(".preview-error");
      await banner.waitFor({ timeout: 30_000 });
      const text = (await banner.textContent()) ?? "";
      assert.match(
        text,
        /en\/notices\/2019-03-12-published\.md:3: date: expected a date like 2018-07-23/,
      );
      assert.match(text, /got "<b>23\/07\/2018<\/b>"/, "the value should be shown as text");
      assert.equal(await banner.locator("b").count(), 0, "the value's markup should be escaped");
      assert.equal(await page.locator("h1").textContent(), good, "the last good page is served");
      assert.match(
        readOutput(),
        /2019-03-12-published\.md:3: date: expected a date/,
        "and the terminal",
      );

      await writeFile(join(contentDir, NOTICE), notice("Fixed in the editor"));
      await page.waitForFunction(
        () => document.querySelector("h1")?.textContent === "Fixed in the editor",
        undefined,
        { timeout: 30_000 },
      );
      assert.equal(await page.locator(".preview-error").count(), 0, "the banner should be gone");
      assert.deepEqual(violations, [], "no Content Security Policy violation");
    } finally {
      await page.close();
    }
  });
});

/** Polls `check` every 100 ms until it is true, or fails after `ms`. */
async function waitFor(what: string, ms: number, check: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${String(ms)} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
