import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { EXIT } from "../../src/errors.ts";
import {
  buildSite,
  listFiles,
  makeContent,
  noticeFile,
  readPage,
  runCli,
} from "../helpers/site.ts";

/** Boards of the fixture: the default board and one added by configuration alone. */
const BOARDS = [
  { id: "notices", name: { ko: "공지사항", en: "News & Notices" }, maxPinned: 2, newDays: 7 },
  {
    id: "recruit",
    name: { ko: "채용", en: "Recruitment" },
    segment: "jobs",
    pageSize: 5,
    maxPinned: 1,
    newDays: 30,
  },
];

/** SOURCE_DATE_EPOCH of the builds: 2021-02-01T00:00:00Z, 09:00 in Seoul. */
const NOW = "1612137600";

/** A notice of the fixture in `board`, day `n` of January 2021, in both languages. */
function pair(
  board: string,
  n: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  const day = String(n).padStart(2, "0");
  const slug = `2021-01-${day}-${board}-${day}`;
  const fields = { date: `2021-01-${day}`, ministry: "MOIS", ...extra };
  return {
    [`ko/${board}/${slug}.md`]: noticeFile({ title: `"${board} 공지 ${day}"`, ...fields }),
    [`en/${board}/${slug}.md`]: noticeFile({ title: `"${board} notice ${day}"`, ...fields }),
  };
}

function pairs(board: string, days: readonly number[]): Record<string, string> {
  return days.reduce<Record<string, string>>((all, n) => ({ ...all, ...pair(board, n) }), {});
}

async function boardContent(files: Record<string, string>): Promise<string> {
  const content = await makeContent(files);
  await writeFile(join(content, "_data/boards.json"), JSON.stringify(BOARDS, null, 2));
  return content;
}

describe("boards from configuration", () => {
  let output = "";
  let files: string[] = [];

  before(async () => {
    const content = await boardContent({
      ...pairs("notices", [1, 2, 3, 4, 5, 6, 7]),
      ...pairs("recruit", [10, 11, 12, 13, 14, 15, 16]),
      ...pair("notices", 20, { pinned: "true" }),
      ...pair("notices", 21, { pinned: "2021-01-25" }),
      ...pair("recruit", 22, { pinned: "true" }),
    });
    ({ output } = await buildSite(content, [], { SOURCE_DATE_EPOCH: NOW }));
    files = await listFiles(output);
  });

  it("gives a board added in boards.json its list pages, notice pages and feed at its segment", () => {
    for (const lang of ["ko", "en"]) {
      assert.ok(files.includes(`${lang}/jobs/index.html`), `${lang}: the board's first page`);
      assert.ok(files.includes(`${lang}/jobs/page/2/index.html`), `${lang}: pages of five`);
      assert.ok(files.includes(`${lang}/jobs/2021-01-10-recruit-10/index.html`));
      assert.ok(files.includes(`${lang}/feeds/board-jobs.xml`), `${lang}: the board's feed`);
      assert.ok(!files.some((f) => f.startsWith(`${lang}/recruit/`)), "the id is no address");
    }
  });

  it("names every board in the menu of every page, and the board in its breadcrumbs", async () => {
    for (const url of ["/en/", "/en/notices/", "/en/jobs/2021-01-10-recruit-10/", "/en/search/"]) {
      const $ = await readPage(output, url);
      assert.deepEqual(
        $(".top-menu .menu-level-2 a")
          .map((_, a) => `${$(a).text()} ${$(a).attr("href") ?? ""}`)
          .get(),
        ["News & Notices /en/notices/", "Recruitment /en/jobs/"],
        `${url}: the boards in the menu`,
      );
    }
    const $ = await readPage(output, "/ko/jobs/2021-01-10-recruit-10/");
    assert.deepEqual(
      $(".breadcrumbs li")
        .map((_, li) => $(li).text().trim())
        .get(),
      ["홈", "새소식", "채용", "recruit 공지 10"],
    );
    assert.equal($(".lang-switch a").attr("href"), "/en/jobs/2021-01-10-recruit-10/");
  });

  it("numbers and pages each board on its own, previous and next within the board", async () => {
    const $ = await readPage(output, "/en/jobs/");
    assert.equal($("h1").text(), "Recruitment");
    const numbers = $("table.board tbody tr:not(.row-pinned) td.col-number")
      .map((_, td) => $(td).text())
      .get();
    assert.deepEqual(numbers, ["8", "7", "6", "5", "4"], "eight notices, five a page");
    const oldest = await readPage(output, "/en/jobs/2021-01-10-recruit-10/");
    assert.equal(oldest(".notice-nav a").length, 1, "the oldest has only a newer neighbour");
    assert.match(oldest(".notice-nav a").attr("href") ?? "", /^\/en\/jobs\/2021-01-11-/);
  });

  it("shows the newest of every board on the language home", async () => {
    const $ = await readPage(output, "/ko/");
    const links = $("main table.board a")
      .map((_, a) => $(a).attr("href"))
      .get();
    assert.ok(links.some((href) => href.startsWith("/ko/notices/")));
    assert.ok(links.some((href) => href.startsWith("/ko/jobs/")));
  });

  it("pins a notice unnumbered above every list page of its board, with a label, until its day", async () => {
    for (const url of ["/ko/jobs/", "/ko/jobs/page/2/"]) {
      const $ = await readPage(output, url);
      const pinned = $("table.board tr.row-pinned");
      assert.equal(pinned.length, 1, `${url}: the pinned notice stands above every page`);
      assert.equal(pinned.find(".tag-pinned").text(), "공지", "the label is a word");
      assert.equal(pinned.find("a").attr("href"), "/ko/jobs/2021-01-22-recruit-22/");
      assert.equal(pinned.find(".col-number").text().trim(), "공지", "and no number");
    }
    // It keeps its numbered row on the page where it falls.
    const first = await readPage(output, "/ko/jobs/");
    assert.equal(
      first('table.board tr:not(.row-pinned) a[href="/ko/jobs/2021-01-22-recruit-22/"]').length,
      1,
    );
    // A pin until 25 January has ended by 1 February; the other pin of the board stands.
    const notices = await readPage(output, "/ko/notices/");
    assert.deepEqual(
      notices("table.board tr.row-pinned a")
        .map((_, a) => notices(a).attr("href"))
        .get(),
      ["/ko/notices/2021-01-20-notices-20/"],
    );
    const jobs = await readPage(output, "/en/jobs/page/2/");
    assert.equal(jobs("tr.row-pinned .tag-pinned").text(), "Notice");
  });

  it("marks notices newer than the board's newDays as new, in words", async () => {
    const notices = await readPage(output, "/en/notices/");
    const newOnes = notices("table.board tr:not(.row-pinned)")
      .filter((_, tr) => notices(tr).find(".tag-new").length > 0)
      .map((_, tr) => notices(tr).find("a").attr("href"))
      .get();
    // 7 days before 2021-02-01: only the notices of 25 January or later.
    assert.deepEqual(newOnes, []);
    const jobs = await readPage(output, "/en/jobs/");
    assert.equal(jobs("table.board tr:not(.row-pinned) .tag-new").first().text(), "New");
    assert.equal(
      jobs("table.board tr:not(.row-pinned) .tag-new").length,
      5,
      "a board of 30 days marks every notice of January on its first page",
    );
  });

  it("offers the boards as a search filter and tags each notice page with its board", async () => {
    const search = await readPage(output, "/ko/search/");
    assert.deepEqual(
      search("#search-board option")
        .map((_, o) => search(o).attr("value"))
        .get(),
      ["", "notices", "recruit"],
    );
    const page = await readPage(output, "/ko/jobs/2021-01-10-recruit-10/");
    assert.equal(page('meta[data-pagefind-filter="board[content]"]').attr("content"), "recruit");
  });

  it("lists every board's pages in the sitemap", async () => {
    const sitemap = await readFile(join(output, "sitemap.xml"), "utf8");
    assert.match(sitemap, /\/en\/jobs\/<\/loc>/);
    assert.match(sitemap, /\/ko\/jobs\/2021-01-16-recruit-16\/<\/loc>/);
  });
});

describe("board rules in npm run check", () => {
  it("reports a notice folder that is no board, and more pins than a board allows", async () => {
    const content = await boardContent({
      ...pair("notices", 1, { pinned: "true" }),
      ...pair("notices", 2, { pinned: "true" }),
      ...pair("notices", 3, { pinned: "true" }),
      "ko/press/2021-01-04-stray.md": noticeFile({
        title: "보도",
        date: "2021-01-04",
        ministry: "MOIS",
      }),
    });
    const result = await runCli("check", ["--content", content], {
      env: { SOURCE_DATE_EPOCH: NOW },
    });
    assert.equal(result.code, EXIT.content, result.stdout);
    assert.match(result.stdout, /ko\/press\/2021-01-04-stray\.md: file: not read: .*board/);
    assert.match(
      result.stdout,
      /en\/notices\/2021-01-0\d-notices-0\d\.md:\d+: pinned: 3 notices of en\/notices\/ are pinned, where the board allows 2/,
    );
  });

  it("refuses a boards.json entry with an id taken by the site's own pages", async () => {
    const content = await makeContent(pair("notices", 1));
    await writeFile(
      join(content, "_data/boards.json"),
      JSON.stringify([{ id: "search", name: { ko: "검색", en: "Search" } }]),
    );
    const result = await runCli("check", ["--content", content]);
    assert.equal(result.code, EXIT.content, result.stdout);
    assert.match(result.stdout, /boards\.json:\d+: .*"search" is taken by the site's own pages/);
  });

  it("npm run new writes into the board it is given, and refuses one that does not exist", async () => {
    const content = await boardContent({});
    const made = await runCli("new", [
      "--lang",
      "en",
      "--title",
      "Open positions",
      "--board",
      "recruit",
      "--date",
      "2021-01-05",
      "--content",
      content,
    ]);
    assert.equal(made.code, EXIT.ok, made.stderr);
    assert.ok(existsSync(join(content, "en/recruit/2021-01-05-open-positions.md")));
    const refused = await runCli("new", [
      "--lang",
      "en",
      "--title",
      "X",
      "--board",
      "nope",
      "--content",
      content,
    ]);
    assert.equal(refused.code, EXIT.usage);
    assert.match(
      refused.stderr,
      /--board: expected a board of _data\/boards\.json \(notices, recruit\)/,
    );
  });
});
