import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as cheerio from "cheerio";
import { seoulToday } from "../../src/content/dates.ts";
import { makeContent, noticeFile, runCli, noticePair } from "../helpers/site.ts";
import { freePort } from "../helpers/ports.ts";
import { spawnPreview } from "../helpers/preview.ts";

const DAY_MS = 86_400_000;
const today = seoulToday();
const nextWeek = seoulToday(Date.now() + 7 * DAY_MS);

/** A notice pair's two files, with bodies. */
function pair(slug: string, title: string, extra: Record<string, string> = {}) {
  return noticePair(slug, title, extra, { en: `${title}, the text.`, ko: "본문." });
}

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

function page(url: string): Promise<{ status: number; $: cheerio.CheerioAPI; html: string }> {
  // A browser's page load: the dev server adds its reload script to navigations only, and
  // fetch() may not send Sec-Fetch-Mode itself.
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { "sec-fetch-mode": "navigate" } }, (response) => {
      let html = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (html += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, $: cheerio.load(html), html });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The parts of pagefind/shards.json the tests read. */
interface Manifest {
  readonly languages: Record<string, readonly { readonly pages: number }[] | undefined>;
}

/** Pages indexed per language. */
function indexedPages(manifest: Manifest): Record<string, number> {
  return Object.fromEntries(
    Object.entries(manifest.languages).map(([lang, shards]) => [
      lang,
      (shards ?? []).reduce((sum, shard) => sum + shard.pages, 0),
    ]),
  );
}

describe("npm start", () => {
  let contentDir = "";
  let server: ChildProcessWithoutNullStreams | undefined;
  let readOutput = () => "";
  let origin = "";

  before(async () => {
    contentDir = await makeContent({
      ...pair("2019-03-12-published", "Published notice"),
      ...pair(`${today}-draft`, "Draft notice", { draft: "true" }),
      ...pair(`${nextWeek}-scheduled`, "Scheduled notice"),
    });
    const preview = await spawnPreview(contentDir);
    server = preview.child;
    readOutput = preview.output;
    const home = await eventually("the preview address", 90_000, () =>
      Promise.resolve(/^Preview at (http:\/\/\S+)$/m.exec(readOutput())?.[1]),
    );
    origin = new URL(home).origin;
    const site = JSON.parse(await readFile(join(contentDir, "_data/site.json"), "utf8")) as {
      defaultLang: string;
    };
    assert.equal(
      home,
      `${origin}/${site.defaultLang}/`,
      "the address should lead to the default language's home",
    );
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server?.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
  });

  it("serves the site with live reload", async () => {
    const { status, $, html } = await page(`${origin}/en/notices/2019-03-12-published/`);
    assert.equal(status, 200);
    assert.equal($("h1").text(), "Published notice");
    assert.equal($(".draft-banner").length, 0, "a published notice has no draft banner");
    assert.match(html, /reload-client/, "the page should load the live-reload client");
  });

  it("builds the search index at start-up, drafts included", async () => {
    // The index is built once the pages are served: it may take a moment longer.
    const counts = await eventually("the search index", 30_000, async () => {
      const response = await fetch(`${origin}/pagefind/shards.json`);
      return response.ok ? indexedPages((await response.json()) as Manifest) : undefined;
    });
    assert.deepEqual(counts, { en: 3, ko: 3 }, "the published, draft and scheduled notices");
  });

  it("shows drafts and scheduled notices, each marked as a draft", async () => {
    for (const [slug, title] of [
      [`${today}-draft`, "Draft notice"],
      [`${nextWeek}-scheduled`, "Scheduled notice"],
    ] as const) {
      const { status, $ } = await page(`${origin}/en/notices/${slug}/`);
      assert.equal(status, 200, `${slug} should be previewed`);
      assert.equal($("h1").text(), title);
      assert.equal($(".draft-banner").text().trim(), "Draft: this notice is not published.");
    }
    const { $ } = await page(`${origin}/en/notices/`);
    const draftRows = $("table.board tbody tr")
      .filter((_, row) => $(row).find(".tag-draft").length > 0)
      .map((_, row) => $(row).find("a").first().text())
      .get();
    assert.deepEqual(draftRows.sort(), ["Draft notice", "Scheduled notice"]);
  });

  it("rebuilds when a notice is edited, added or deleted", async () => {
    const file = join(contentDir, "en/notices/2019-03-12-published.md");
    const wroteBefore = readOutput().length;
    await writeFile(
      file,
      noticeFile({ title: '"Edited while previewing"', date: "2019-03-12", ministry: "MOIS" }),
    );
    await eventually("the edited title", 30_000, async () => {
      const { $ } = await page(`${origin}/en/notices/2019-03-12-published/`);
      return $("h1").text() === "Edited while previewing" ? true : undefined;
    });
    // Every page that shows the title follows: the newer notice's link back, the list.
    const newer = await page(`${origin}/en/notices/${today}-draft/`);
    assert.equal(newer.$("a[rel=prev]").text(), "Edited while previewing");
    const list = await page(`${origin}/en/notices/`);
    assert.ok(
      list.$("table.board tbody a").filter((_, a) => list.$(a).text() === "Edited while previewing")
        .length === 1,
      "the list should show the new title",
    );
    // Only what shows the notice was rendered again: its page, its neighbour, the list, and
    // the pages drawn from the whole board (homes, feeds, sitemap, search). Eleventy counts
    // the pages it writes, Sosik the notice pages.
    const writes = (output: string) => {
      const files = /Wrote (\d+) files/.exec(output)?.[1];
      const notices = /Wrote (\d+) notice pages/.exec(output)?.[1];
      return files === undefined || notices === undefined
        ? undefined
        : { files: Number(files), notices: Number(notices) };
    };
    const rewritten = await eventually("the rebuild's summary", 30_000, () =>
      Promise.resolve(writes(readOutput().slice(wroteBefore))),
    );
    const initial = writes(readOutput());
    assert.ok(initial, "the first build should say what it wrote");
    assert.ok(
      rewritten.notices < initial.notices,
      `an edit should render fewer notice pages than the first build (${String(rewritten.notices)} of ${String(initial.notices)})`,
    );
    assert.ok(
      rewritten.notices >= 2,
      `the edited notice and its neighbour should be rendered again (${String(rewritten.notices)})`,
    );

    await writeFile(
      join(contentDir, "en/notices/2019-03-13-added.md"),
      noticeFile({ title: '"Added while previewing"', date: "2019-03-13", ministry: "MOIS" }),
    );
    await eventually("the added notice", 30_000, async () => {
      const { status, $ } = await page(`${origin}/en/notices/2019-03-13-added/`);
      return status === 200 && $("h1").text() === "Added while previewing" ? true : undefined;
    });

    await rm(join(contentDir, "en/notices/2019-03-13-added.md"));
    await eventually("the deleted notice to leave the list", 30_000, async () => {
      const { $ } = await page(`${origin}/en/notices/`);
      const titles = $("table.board tbody a")
        .map((_, a) => $(a).text())
        .get();
      return titles.includes("Added while previewing") ? undefined : true;
    });
    const gone = await page(`${origin}/en/notices/2019-03-13-added/`);
    assert.equal(gone.status, 404, "a deleted notice's page should be gone from the preview");
    await eventually("the search index without the deleted notice", 30_000, async () => {
      const response = await fetch(`${origin}/pagefind/shards.json`);
      const counts = indexedPages((await response.json()) as Manifest);
      return counts.en === 3 ? true : undefined;
    });
  });

  it("removes the pages of notices deleted together, and a list page past the board's new end", async () => {
    // Eight more notices make the English board (ten a page) two pages long.
    const added = Array.from({ length: 8 }, (_, i) => `2019-04-${String(i + 10)}-batch`);
    await Promise.all(
      added.map((slug) =>
        writeFile(
          join(contentDir, `en/notices/${slug}.md`),
          noticeFile({ title: `"Batch ${slug}"`, date: slug.slice(0, 10), ministry: "MOIS" }),
        ),
      ),
    );
    await eventually("the board's second page", 30_000, async () => {
      const { status } = await page(`${origin}/en/notices/page/2/`);
      const last = await page(`${origin}/en/notices/${added.at(-1) ?? ""}/`);
      return status === 200 && last.status === 200 ? true : undefined;
    });
    await Promise.all(added.map((slug) => rm(join(contentDir, `en/notices/${slug}.md`))));
    await eventually("the deleted notices to leave the list", 30_000, async () => {
      const { $ } = await page(`${origin}/en/notices/`);
      const titles = $("table.board tbody a")
        .map((_, a) => $(a).text())
        .get();
      return titles.some((title) => title.startsWith("Batch ")) ? undefined : true;
    });
    for (const slug of added) {
      const gone = await page(`${origin}/en/notices/${slug}/`);
      assert.equal(gone.status, 404, `${slug}: a deleted notice's page should be gone`);
    }
    const second = await page(`${origin}/en/notices/page/2/`);
    assert.equal(second.status, 404, "a list page past the board's end should be gone");
    await eventually("the search index without the deleted notices", 30_000, async () => {
      const response = await fetch(`${origin}/pagefind/shards.json`);
      const counts = indexedPages((await response.json()) as Manifest);
      return counts.en === 3 ? true : undefined;
    });
  });

  it("renders every page again when the site settings change", async () => {
    const settings = join(contentDir, "_data/site.json");
    const original = await readFile(settings, "utf8");
    const renamed = JSON.parse(original) as { name: { en: string } };
    renamed.name.en = "Renamed Ministry";
    await writeFile(settings, JSON.stringify(renamed));
    try {
      await eventually("the new site name on an untouched notice", 30_000, async () => {
        const { $ } = await page(`${origin}/en/notices/${nextWeek}-scheduled/`);
        return $("title").text().includes("Renamed Ministry") ? true : undefined;
      });
    } finally {
      await writeFile(settings, original);
    }
  });

  it("keeps serving the last good pages when an edit breaks a notice, naming the problem", async () => {
    const file = join(contentDir, "en/notices/2019-03-12-published.md");
    await writeFile(file, noticeFile({ title: '"Broken"', date: "12/03/2019", ministry: "MOIS" }));
    await eventually("the content error in the log", 30_000, () =>
      Promise.resolve(
        /en\/notices\/2019-03-12-published\.md:3: date: expected a date like 2018-07-23/.test(
          readOutput(),
        )
          ? true
          : undefined,
      ),
    );
    assert.doesNotMatch(
      readOutput(),
      /Original error stack trace/,
      "no stack trace for content errors",
    );
    const { status, $ } = await page(`${origin}/en/notices/2019-03-12-published/`);
    assert.equal(status, 200);
    assert.equal($("h1").text(), "Edited while previewing");
  });

  it("stops on SIGTERM", async () => {
    assert.ok(server);
    const exited = new Promise<number | null>((done) => server?.once("exit", done));
    server.kill("SIGTERM");
    assert.equal(await exited, 0);
  });
});

describe("npm start with bad input", () => {
  it("exits 1 listing the content errors instead of serving", async () => {
    const dir = await makeContent({
      "en/notices/2019-03-12-bad.md": noticeFile({
        title: '"Bad"',
        date: "soon",
        ministry: "MOIS",
      }),
    });
    const result = await runCli("start", ["--content", dir, "--port", String(await freePort())]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /en\/notices\/2019-03-12-bad\.md:3: date: expected a date/);
    assert.match(result.stderr, /Fix these, then run npm start again\./);
  });

  it("exits 2 with the usage line on wrong options", async () => {
    const results = await Promise.all([
      runCli("start", ["--port", "http"]),
      runCli("start", ["--port", "70000"]),
      runCli("start", ["--content", "no/such/folder"]),
      runCli("start", ["--open"]),
      runCli("start", ["--port", "-1"]),
      runCli("start", ["--port=-1"]),
    ]);
    const messages = [
      /--port: expected a port number like 8080, got "http"/,
      /--port: expected a port number like 8080, got "70000"/,
      /content folder not found: no\/such\/folder/,
      /Unknown option '--open'/,
      /--port: its value "-1" starts with "-" and reads as another option; write --port=-1 if it is the value/,
      /--port: expected a port number like 8080, got "-1"/,
    ];
    results.forEach((result, index) => {
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, messages[index] ?? /./);
      assert.match(
        result.stderr,
        /^usage: npm start -- \[--content DIR\] \[--port 8080\] \[--host 127\.0\.0\.1\]$/m,
      );
    });
  });
});
