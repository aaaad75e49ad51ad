import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { ROOT, SAMPLE_CONTENT, runCli, tempDir } from "../helpers/site.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { spawnPreview } from "../helpers/preview.ts";

/**
 * Where the editor's screenshots go: the guide's pictures (docs/) only when asked with
 * SOSIK_UPDATE_SCREENSHOTS=1, so that running the tests never changes the checkout.
 */
function screenshotPath(name: string): string {
  const folder = process.env["SOSIK_UPDATE_SCREENSHOTS"] === "1" ? join(ROOT, "docs") : tmpdir();
  return join(folder, name);
}

const SLUG = "2026-03-05-web-editor-test-notice";

/** Polls `check` every 250 ms until it returns a value, or fails after `ms`. */
async function eventually<T>(
  what: string,
  ms: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${String(ms)} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

describe("the web editor at /admin/ in npm start", { timeout: 300_000 }, () => {
  let contentDir = "";
  let server: ChildProcessWithoutNullStreams | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin = "";
  let readOutput = () => "";
  const problems: string[] = [];

  before(async () => {
    contentDir = join(await tempDir(), "content");
    await cp(SAMPLE_CONTENT, contentDir, { recursive: true });
    const preview = await spawnPreview(contentDir);
    server = preview.child;
    readOutput = preview.output;
    const home = await eventually("the preview address", 120_000, () =>
      Promise.resolve(/^Preview at (http:\/\/\S+)$/m.exec(readOutput())?.[1]),
    );
    origin = new URL(home).origin;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(60_000);
    // A CSP violation is reported on the console as an error naming the directive.
    page.on("console", (message) => {
      if (
        message.type() === "error" &&
        /Content Security Policy|Refused to/i.test(message.text())
      ) {
        problems.push(message.text());
      }
    });
    page.on("pageerror", (error) => problems.push(error.message));
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server?.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("lists the board's notices with no account and no network, under its CSP", async () => {
    await page.goto(`${origin}/admin/`);
    await page.getByRole("button", { name: "로그인" }).click();
    await page
      .getByText("2019-03-12 · Government announces 2019 public data opening plan")
      .waitFor();
    await page.screenshot({ path: screenshotPath("editor-list.png") });
    assert.deepEqual(problems, [], "the editor should run without CSP violations or page errors");
  });

  it("saves a Korean notice with its English translation and an attachment into the content folder", async () => {
    await page.goto(`${origin}/admin/#/collections/notices/new`);
    // English on the left (its title names the file), Korean on the right.
    await page.locator("#title-field-1").fill("Web editor test notice");
    await page.locator("#date-field-2").fill("2026-03-05");
    await page.locator("#ministry-field-4").click();
    await page.keyboard.type("MOIS");
    await page.keyboard.press("Enter");
    // The Korean pane's fields come after the English ones: the second title field is Korean.
    const koTitle = page.locator('input[id^="title-field-"]').nth(1);
    await koTitle.fill("웹 편집기 시험 공지");
    // The attachment, in the Korean notice.
    const attachmentFile = join(await tempDir(), "exercise-plan.pdf");
    await writeFile(attachmentFile, "%PDF-1.4\n% test\n");
    const koPane = koTitle.locator(
      "xpath=ancestor::div[.//label[starts-with(@for, 'attachments-field-')]][1]",
    );
    await koPane.getByRole("button", { name: /추가/ }).first().click();
    await koPane
      .getByRole("button", { name: /파일 선택|Choose/ })
      .first()
      .click();
    await page.locator("input[type=file]").setInputFiles(attachmentFile);
    await page.getByText("exercise-plan.pdf").first().waitFor();
    await page
      .getByRole("button", { name: /선택|Choose selected/ })
      .last()
      .click();
    await page.getByLabel("링크 글자 · Link text").last().fill("연습 계획");
    await page.screenshot({ path: screenshotPath("editor-edit.png") });
    await page.getByRole("button", { name: "게시" }).click();
    await page.getByText("지금 게시").click();

    const en = join(contentDir, "en/notices", `${SLUG}.md`);
    const ko = join(contentDir, "ko/notices", `${SLUG}.md`);
    const koText = await eventually("the Korean file", 60_000, () => readFile(ko, "utf8"));
    const enText = await readFile(en, "utf8");
    assert.match(enText, /title: Web editor test notice/, "the English file should hold its title");
    assert.match(koText, /title: 웹 편집기 시험 공지/, "the Korean file should hold its title");
    assert.match(
      koText,
      /file: attachments\/exercise-plan\.pdf/,
      "the Korean file should list the attachment",
    );
    await stat(join(contentDir, "ko/notices/attachments/exercise-plan.pdf"));
    assert.deepEqual(problems, [], "the editor should run without CSP violations or page errors");
  });

  it("writes files that npm run check accepts", async () => {
    const result = await runCli("check", ["--content", contentDir]);
    assert.equal(
      result.code,
      0,
      `check should accept the editor's files:\n${result.stdout}${result.stderr}`,
    );
  });

  it("shows the new notice on the preview after its rebuild", async () => {
    const status = await eventually("the new notice's page", 90_000, async () => {
      const response = await fetch(`${origin}/ko/notices/${SLUG}/`);
      return response.ok ? response.status : undefined;
    });
    assert.equal(status, 200);
    // A page of its own: leaving the editor while it still counts the entry as changed would
    // wait on its "leave this page?" prompt, which a headless browser dismisses (it stays).
    assert.ok(browser);
    const reader = await browser.newPage();
    await reader.goto(`${origin}/ko/notices/${SLUG}/`);
    assert.equal(await reader.locator("h1").first().innerText(), "웹 편집기 시험 공지");
    await reader.close();
  });
});
