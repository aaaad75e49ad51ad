import assert from "node:assert/strict";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import { launchBrowser } from "../helpers/browser.ts";
import { crawl } from "../helpers/crawl.ts";
import type { CrawlReport } from "../helpers/crawl.ts";
import { SAMPLE_CONTENT, listFiles, runCli, tempDir } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";

const PREFIX = "/sosik/";

describe("a site served under a path prefix", () => {
  let server: StaticServer | undefined;
  let output = "";
  let report: CrawlReport = { fetched: new Map(), broken: [] };

  before(async () => {
    // The prefix comes from site.json here, as an operator would set it; the base URL is only
    // known once the server has a port, so it comes from the command line.
    const content = join(await tempDir("sosik-content-"), "content");
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    const sitePath = join(content, "_data/site.json");
    const site = JSON.parse(await readFile(sitePath, "utf8")) as Record<string, unknown>;
    await writeFile(sitePath, JSON.stringify({ ...site, pathPrefix: PREFIX }));

    output = join(await tempDir("sosik-prefix-"), "_site");
    server = await serveStatic(output, { prefix: PREFIX });
    const origin = new URL(server.url).origin;
    const result = await runCli("build", [
      "--content",
      content,
      "--output",
      output,
      "--base-url",
      origin,
    ]);
    assert.equal(result.code, 0, result.stderr);
    // The 404 page is served for any missing URL, at any depth: its links must work from there.
    report = await crawl(
      [server.url, `${server.url}robots.txt`, `${server.url}404.html`],
      server.url,
    );
  });

  after(async () => {
    await server?.close();
  });

  it("has no broken internal link, asset, feed entry or sitemap entry", () => {
    assert.deepEqual(report.broken, []);
  });

  it("reaches every page, feed and file of the output by following links", async () => {
    const files = await listFiles(output);
    const reached = new Set(
      [...report.fetched.keys()].map((url) =>
        decodeURIComponent(new URL(url).pathname.slice(PREFIX.length)).replace(
          /(^|\/)$/,
          "$1index.html",
        ),
      ),
    );
    // The search bundle is loaded by the search page's script, checked in a browser below.
    // The default icon is linked only by sites without a logo of their own (identity.json).
    const unreached = files.filter(
      (file) =>
        !reached.has(file) && !file.startsWith("pagefind/") && file !== "assets/favicon.svg",
    );
    assert.deepEqual(unreached, [], "every output file should be linked from somewhere");
  });

  it("searches in a browser, loading every search file from under the prefix", async () => {
    assert.ok(server);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const failures: string[] = [];
      const searchFiles: string[] = [];
      page.on("response", (response) => {
        const url = new URL(response.url());
        if (response.status() >= 400) failures.push(`${String(response.status())} ${url.pathname}`);
        if (url.pathname.includes("/pagefind/")) searchFiles.push(url.pathname);
      });
      page.on("requestfailed", (request) => failures.push(`failed ${request.url()}`));
      await page.goto(`${server.url}en/search/?q=Georgia`);
      await page.locator("#search-status").filter({ hasText: /\d/ }).waitFor();
      const results = await page
        .locator("#search-results h2 a")
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      assert.ok(
        results.includes(
          `${PREFIX}en/notices/2018-07-23-vice-minister-visits-czech-republic-and-georgia/`,
        ),
        `results should link under the prefix: ${results.join(", ")}`,
      );
      assert.ok(searchFiles.length > 0, "the search bundle should have been loaded");
      assert.ok(
        searchFiles.every((path) => path.startsWith(`${PREFIX}pagefind/`)),
        `search files should come from ${PREFIX}pagefind/: ${searchFiles.join(", ")}`,
      );
      assert.deepEqual(failures, [], "no request of the search page should fail");
    } finally {
      await browser.close();
    }
  });

  it("sends the root to the default language's home under the prefix", async () => {
    assert.ok(server);
    const root = cheerio.load(await (await fetch(server.url)).text());
    const refresh = root('meta[http-equiv="refresh"]').attr("content") ?? "";
    const target = /url=(.+)$/.exec(refresh)?.[1] ?? "";
    const site = JSON.parse(await readFile(join(SAMPLE_CONTENT, "_data/site.json"), "utf8")) as {
      defaultLang: string;
    };
    assert.equal(new URL(target, server.url).href, `${server.url}${site.defaultLang}/`);
  });
});
