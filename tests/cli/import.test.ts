import assert from "node:assert/strict";
import { renderMarkdown } from "../../src/markdown.ts";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { NOTICE_KEYS } from "../../src/content/schema.ts";
import { ROOT, makeContent, noticeFile, runCli } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const FIXTURES = join(ROOT, "tests/fixtures/import");
const MOIS =
  "https://www.mois.go.kr/frt/bbs/type010/commonSelectBoardArticle.do?bbsId=BBSMSTR_000000000008";
const CZECH = "2018-07-23-haengjeonganjeonbu-chagwan-cheko-jojia-bangmun";

// The departments a test site knows, whatever the sample content names.
const DEPARTMENTS = JSON.stringify({
  "civil-defence": { ko: "민방위과", en: "Civil Defence Division" },
});

/** A content folder with the sample's data and DEPARTMENTS, and the given files. */
function freshContent(files: Readonly<Record<string, string>> = {}): Promise<string> {
  return makeContent({ "_data/departments.json": DEPARTMENTS, ...files });
}

/** Runs `npm run import` of a fixture into a content folder (a fresh one unless given). */
async function runImport(fixture: string, args: readonly string[] = [], dir?: string) {
  const content = dir ?? (await freshContent());
  const result = await runCli("import", [
    "--from",
    join(FIXTURES, fixture),
    "--content",
    content,
    ...args,
  ]);
  return { dir: content, result };
}

async function notices(dir: string, lang = "ko"): Promise<string[]> {
  return (await readdir(join(dir, lang, "notices")).catch(() => [])).sort();
}

async function notice(dir: string, name: string, lang = "ko"): Promise<string> {
  return readFile(join(dir, lang, "notices", `${name}.md`), "utf8");
}

/** Runs `npm run check` on a folder: its exit code and its errors. */
async function check(dir: string) {
  const result = await runCli("check", ["--content", dir, "--format", "json"]);
  const report = JSON.parse(result.stdout) as { errors: number; issues: { severity: string }[] };
  return { code: result.code, errors: report.errors };
}

/** The report lines of an import, without the summary. */
function reportLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line !== "");
}

/** Every notice file's text of a folder, joined, to look for what must not be in any. */
async function allNoticeText(dir: string): Promise<string> {
  const names = await notices(dir);
  const texts = await Promise.all(
    names.map((name) => readFile(join(dir, "ko/notices", name), "utf8")),
  );
  return texts.join("\n");
}

describe("npm run import", () => {
  it("makes every good CSV row a notice that passes the check, and reports every refused row with its line and why", async () => {
    const { dir, result } = await runImport("board.csv", ["--lang", "ko"]);
    assert.equal(result.code, 1, "some rows are refused, so the import should exit 1");
    assert.deepEqual(
      reportLines(result.stderr),
      [
        "board.csv:2: warning: body: an image became a link to the old site (photos are not imported)",
        'board.csv:2: warning: department: left out: no department named "정보공개정책과" in _data/departments.json',
        "board.csv:3: warning: body: a link to a script or data address was dropped (its text is kept)",
        "board.csv:3: warning: body: an image became a link to the old site (photos are not imported)",
        "board.csv:4: date: required",
        'board.csv:5: date: expected a date like 2018-07-23 or 2018.07.23 (the year in four digits first), got "18.07.23"',
        `board.csv:6: warning: slug: ${CZECH} is taken by another notice: written as ${CZECH}-2`,
        "board.csv:7: title: must be at most 300 characters, got 479",
        'board.csv:9: views: expected a whole number like 16869, got "많음"',
        "board.csv:13: title: required",
        'board.csv:15: date: expected a day from 1900-01-01 to 2100-12-31 (in Seoul), got "1899-12-31"',
        "board.csv:16: row: expected 8 fields as in the header, got 3",
      ],
      "each refused row should be named by its line with the reason, in file order",
    );
    assert.match(result.stdout, /Imported 6 notices into .*ko\/notices; 7 entries refused/);
    assert.deepEqual(await notices(dir), [
      "2017-08-21-euljiyeonseup-silsi-annae.md",
      `${CZECH}-2.md`,
      `${CZECH}.md`,
      "2019-03-12-public-data-opening-plan.md",
      "2020-02-03-gonggongdeiteo-gaebang-sebu-gwaje.md",
      "2021-05-20-script-alert-title-script-boan-jeomgeom.md",
    ]);
    assert.deepEqual(
      await check(dir),
      { code: 0, errors: 0 },
      "every imported notice should pass npm run check",
    );

    const czech = await notice(dir, CZECH);
    assert.equal(
      czech,
      [
        "---",
        `# imported from ${MOIS}&nttId=65432`,
        'title: "행정안전부 차관, 체코·조지아 방문"',
        "date: 2018-07-23",
        "readCount: 16869",
        "ministry: MOIS",
        "---",
        "차관이 **체코**와 조지아를 방문했습니다.",
        "",
        "| 일자  | 장소  |",
        "| --- | --- |",
        "| 7.23 | 프라하 |",
        "",
        "[지난 소식](https://www.mois.go.kr/bbs/view.do?nttId=99) [방문 사진](https://www.mois.go.kr/images/photo1.jpg)",
        "",
        "**첨부파일**",
        "",
        "- [programme.pdf](https://www.mois.go.kr/files/programme.pdf)",
        "- [첨부파일 2](https://www.mois.go.kr/cmm/fms/FileDown.do?atchFileId=FILE_1&fileSn=0)",
        "",
      ].join("\n"),
      "the HTML body should become Markdown with its table, links to the old site and attachment links",
    );
    const drill = await notice(dir, "2017-08-21-euljiyeonseup-silsi-annae");
    assert.match(drill, /^date: 2017-08-21T09:00:00\+09:00$/m, "a time without offset is Seoul's");
    assert.match(drill, /^readCount: 3210$/m, "3,210 views become digits");
    assert.match(drill, /^여러 줄로 된 본문$/m, "a body over several CSV lines is kept whole");
    const big = await notice(dir, "2020-02-03-gonggongdeiteo-gaebang-sebu-gwaje");
    assert.ok(big.length > 10_000, "a huge body should be imported whole");
  });

  it("leaves no raw HTML, script, style, frame, event handler or javascript: link in the Markdown", async () => {
    const { dir } = await runImport("board.csv", ["--lang", "ko"]);
    const text = await allNoticeText(dir);
    for (const forbidden of [
      /(?<!\\)<[a-z/!?]/i,
      /onclick=/i,
      /onerror=/i,
      /javascript:/i,
      /alert\(/,
    ]) {
      assert.doesNotMatch(
        text.replace(/^title: .*$/gm, ""),
        forbidden,
        `no notice body should hold ${String(forbidden)}`,
      );
    }
    const english = await notice(dir, "2019-03-12-public-data-opening-plan");
    assert.match(
      english,
      /^The plan opens \*150\* data sets\.$/m,
      "the text around dropped elements stays",
    );
    assert.match(
      english,
      /^click me and \[data\.go\.kr\]\(https:\/\/www\.data\.go\.kr\/\)$/m,
      "a javascript: link keeps only its text",
    );
    assert.doesNotMatch(
      english,
      /alert|color:red|evil\.example/,
      "script, style and frame content are dropped",
    );
    const hostile = await notice(dir, "2021-05-20-script-alert-title-script-boan-jeomgeom");
    assert.match(
      hostile,
      /^title: "<script>alert\('title'\)<\/script> 보안 점검"$/m,
      "a title is text, kept as written",
    );
    assert.match(
      hostile,
      /^\\<script>문자 그대로\\<\/script> 텍스트$/m,
      "text that looks like a tag is escaped",
    );
  });

  it("reads an RSS feed: dates with their offsets, content over description, enclosures as attachment links", async () => {
    const { dir, result } = await runImport("feed.rss", ["--lang", "ko"]);
    assert.equal(result.code, 1);
    assert.deepEqual(reportLines(result.stderr), [
      'feed.rss: entry 2 ("Vice Minister visits Uzbekistan"): warning: body: a link to a script or data address was dropped (its text is kept)',
      'feed.rss: entry 3 ("날짜 없는 항목"): date: required',
      'feed.rss: entry 4 ("날짜를 읽을 수 없는 항목"): date: expected a date like 2018-07-23 or 2018.07.23 (the year in four digits first), got "어제"',
      `feed.rss: entry 5 ("2019년 공공데이터 개방 계획 발표"): url: the same old address as an earlier entry: ${MOIS}&nttId=70001`,
    ]);
    assert.deepEqual(await notices(dir), [
      "2019-03-12-2019nyeon-gonggongdeiteo-gaebang-gyehoek-balpyo.md",
      "2019-04-22-vice-minister-visits-uzbekistan.md",
    ]);
    const plan = await notice(dir, "2019-03-12-2019nyeon-gonggongdeiteo-gaebang-gyehoek-balpyo");
    assert.match(plan, /^date: 2019-03-12T10:30:00\+09:00$/m);
    assert.match(plan, /^- {3}교통$/m, "content:encoded is the body, not the description");
    assert.match(
      plan,
      /^\[자세히\]\(https:\/\/www\.mois\.go\.kr\/frt\/sub\/a06\/b02\/openData\/screen\.do\)$/m,
      "a relative link points to the old site",
    );
    assert.match(
      plan,
      /^- \[첨부파일 1\]\(https:\/\/www\.mois\.go\.kr\/cmm\/fms\/FileDown\.do\?atchFileId=FILE_70001&fileSn=1\)$/m,
    );
    const visit = await notice(dir, "2019-04-22-vice-minister-visits-uzbekistan");
    assert.match(visit, /^date: 2019-04-22T00:00:00Z$/m, "a GMT date stays in UTC");
    assert.doesNotMatch(visit, /document\.cookie|<script/);
    assert.deepEqual(await check(dir), { code: 0, errors: 0 });
  });

  it("keeps text that shows HTML's own characters as text, whether escaped or in CDATA", async () => {
    const { dir, result } = await runImport("escaped.rss", ["--lang", "en"]);
    assert.equal(result.code, 0, result.stderr);
    const body = async (name: string) =>
      renderMarkdown((await notice(dir, name, "en")).replace(/^---\n[\s\S]*?\n---\n/, ""));
    const widget = await body("2019-03-12-embedding-the-widget");
    assert.match(widget, /<code>&lt;script src=&quot;widget.js&quot;&gt;&lt;\/script&gt;<\/code>/);
    assert.match(widget, /Use the &lt;b&gt; tag for <strong>bold<\/strong> text\./);
    const form = await body("2019-03-13-filling-in-the-form");
    assert.match(form, /Type &lt;your name&gt; here, then press Enter &amp; wait\./);
    const described = await body("2019-03-14-description-only");
    assert.match(described, /Write 3 &lt; 5 and <em>mean<\/em> it\./);
    assert.deepEqual(await check(dir), { code: 0, errors: 0 });
  });

  it("reads an Atom feed and refuses an entry without a title", async () => {
    const { dir, result } = await runImport("feed.atom", ["--lang", "en"]);
    assert.equal(result.code, 1);
    assert.deepEqual(reportLines(result.stderr), [
      'feed.atom: entry 1 ("Mobile resident registration card pilot"): warning: body: an image became a link to the old site (photos are not imported)',
      "feed.atom: entry 3: title: required",
    ]);
    assert.deepEqual(await notices(dir, "en"), [
      "2024-12-26-mobile-resident-registration-card-pilot.md",
      "2025-03-27-gowigongjikja-jaesan-gonggae.md",
    ]);
    const pilot = await notice(dir, "2024-12-26-mobile-resident-registration-card-pilot", "en");
    assert.match(
      pilot,
      /^date: 2024-12-26T09:00:00\+09:00$/m,
      "published, not updated, is the date",
    );
    assert.match(pilot, /^\[The card\]\(https:\/\/www\.mois\.go\.kr\/images\/card\.png\)$/m);
    const disclosure = await notice(dir, "2025-03-27-gowigongjikja-jaesan-gonggae", "en");
    assert.match(
      disclosure,
      /^재산 공개 내용을 알려 드립니다\.$/m,
      "the summary is the body when there is no content",
    );
    assert.deepEqual(await check(dir), { code: 0, errors: 0 });
  });

  it("decodes a CP949 (EUC-KR) CSV, says so, and reads Korean date forms", async () => {
    const { dir, result } = await runImport("board-euc-kr.csv", ["--lang", "ko"]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^board-euc-kr\.csv: read as CP949 \(EUC-KR\) text$/m);
    assert.ok(
      reportLines(result.stderr).includes(
        'board-euc-kr.csv:4: date: February 2022 has 28 days, so there is no day 30, got "2022-02-30"',
      ),
      result.stderr,
    );
    assert.deepEqual(await notices(dir), [
      "2022-05-16-jibangseongeo-jiwon-gyehoek.md",
      "2024-06-03-2024nyeon-yeoreumcheol-pongnyeom-daechaek.md",
    ]);
    const heat = await notice(dir, "2024-06-03-2024nyeon-yeoreumcheol-pongnyeom-daechaek");
    assert.match(heat, /^title: "2024년 여름철 폭염 대책"$/m);
    assert.match(heat, /^readCount: 1024$/m);
    assert.match(heat, /^폭염 대비 행동 요령을 알려 드립니다\.$/m);
    assert.deepEqual(await check(dir), { code: 0, errors: 0 });
  });

  it("refuses a CP949 file read as UTF-8 with a one-line reason and writes nothing", async () => {
    const { dir, result } = await runImport("board-euc-kr.csv", [
      "--lang",
      "ko",
      "--encoding",
      "utf-8",
    ]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error: \S+board-euc-kr\.csv: not UTF-8 text: try --encoding cp949 \(EUC-KR\)$/m,
    );
    assert.deepEqual(await notices(dir), []);
  });

  it("writes a redirect map from old addresses to the new pages, with nginx and Apache snippets", async () => {
    const dir = await freshContent({});
    const site = join(dir, "_data/site.json");
    const settings = JSON.parse(await readFile(site, "utf8")) as Record<string, unknown>;
    await writeFile(site, JSON.stringify({ ...settings, pathPrefix: "/news/" }));
    const { result } = await runImport("feed.rss", ["--lang", "ko"], dir);
    assert.match(result.stdout, /Redirects: 2 old addresses in .*_data\/redirects\.json/);
    const redirects = JSON.parse(
      await readFile(join(dir, "_data/redirects.json"), "utf8"),
    ) as unknown;
    assert.deepEqual(redirects, {
      [`${MOIS}&nttId=70001`]:
        "https://news.example.go.kr/news/ko/notices/2019-03-12-2019nyeon-gonggongdeiteo-gaebang-gyehoek-balpyo/",
      "https://www.mois.go.kr/eng/bbs/type002/commonSelectBoardArticle.do?bbsId=BBSMSTR_000000000022&nttId=70002":
        "https://news.example.go.kr/news/ko/notices/2019-04-22-vice-minister-visits-uzbekistan/",
    });
    const nginx = await readFile(join(dir, "_data/redirects.nginx.conf"), "utf8");
    assert.match(nginx, /^map \$request_uri \$sosik_redirect \{$/m);
    assert.match(
      nginx,
      /^ {4}"\/frt\/bbs\/type010\/commonSelectBoardArticle\.do\?bbsId=BBSMSTR_000000000008&nttId=70001" "https:\/\/news\.example\.go\.kr\/news\/ko\/notices\/2019-03-12-2019nyeon-gonggongdeiteo-gaebang-gyehoek-balpyo\/";$/m,
    );
    const apache = await readFile(join(dir, "_data/redirects.apache.txt"), "utf8");
    assert.match(
      apache,
      /^\/eng\/bbs\/type002\/commonSelectBoardArticle\.do\?bbsId=BBSMSTR_000000000022&nttId=70002 https:\/\/news\.example\.go\.kr\/news\/ko\/notices\/2019-04-22-vice-minister-visits-uzbekistan\/$/m,
    );
    assert.deepEqual(
      await check(dir),
      { code: 0, errors: 0 },
      "the map files do not disturb the check",
    );
  });

  it("names files by the old address's id with --slug id", async () => {
    const { dir } = await runImport("feed.rss", ["--lang", "ko", "--slug", "id"]);
    assert.deepEqual(await notices(dir), ["2019-03-12-ntt-70001.md", "2019-04-22-ntt-70002.md"]);
    const atom = await runImport("feed.atom", ["--lang", "en", "--slug", "id"]);
    assert.deepEqual(await notices(atom.dir, "en"), [
      "2024-12-26-id-880.md",
      "2025-03-27-id-901.md",
    ]);
  });

  it("changes nothing when the same file is imported again, even after an imported notice was edited", async () => {
    const { dir } = await runImport("board.csv", ["--lang", "ko"]);
    await runImport("feed.rss", ["--lang", "ko"], dir);
    const edited = join(dir, "ko/notices", `${CZECH}.md`);
    await writeFile(
      edited,
      (await readFile(edited, "utf8")).replace("방문했습니다", "방문하였습니다"),
    );
    const before = await snapshotTree(dir);
    const again = await runImport("board.csv", ["--lang", "ko"], dir);
    assert.match(
      again.result.stdout,
      /Imported 0 notices into .*; 6 entries already imported; 7 entries refused/,
    );
    assert.match(again.result.stdout, /\(unchanged\)/);
    const feedAgain = await runImport("feed.rss", ["--lang", "ko"], dir);
    assert.match(feedAgain.result.stdout, /Imported 0 notices/);
    assert.deepEqual(
      treeDifferences(before, await snapshotTree(dir)),
      [],
      "a second import should change no file",
    );
  });

  it("never overwrites an existing notice: a taken name gets the next free suffix", async () => {
    const existing = noticeFile({
      title: '"Written by hand"',
      date: "2019-03-12",
      ministry: "MOIS",
    });
    const dir = await freshContent({
      "ko/notices/2019-03-12-public-data-opening-plan.md": existing,
    });
    const { result } = await runImport("board.csv", ["--lang", "ko"], dir);
    assert.ok(
      reportLines(result.stderr).includes(
        "board.csv:3: warning: slug: 2019-03-12-public-data-opening-plan is taken by another notice: written as 2019-03-12-public-data-opening-plan-2",
      ),
      result.stderr,
    );
    assert.equal(
      await notice(dir, "2019-03-12-public-data-opening-plan"),
      existing,
      "the existing file is untouched",
    );
    assert.match(
      await notice(dir, "2019-03-12-public-data-opening-plan-2"),
      /^title: "Public data opening plan"$/m,
    );
  });

  it("writes nothing with --dry-run but says what it would write", async () => {
    const { dir, result } = await runImport("feed.rss", ["--lang", "ko", "--dry-run"]);
    assert.equal(result.code, 1, "the refused entries still count");
    assert.match(
      result.stdout,
      /^Would write \S+\/ko\/notices\/2019-04-22-vice-minister-visits-uzbekistan\.md$/m,
    );
    assert.match(result.stdout, /^Would import 2 notices/m);
    assert.deepEqual(await readdir(dir), ["_data"], "not even the notices folder is made");
    assert.ok(
      !(await readdir(join(dir, "_data"))).includes("redirects.json"),
      "no redirect map in a dry run",
    );
  });

  it("maps columns with --map and exits 0 when every row is imported", async () => {
    const dir = await freshContent({
      "export.csv":
        "Subject Line,Posted,Hits,Text\nFirst notice,2020-01-02,5,Plain *text* with <b>tags</b>\n",
    });
    const result = await runCli("import", [
      "--from",
      join(dir, "export.csv"),
      "--lang",
      "en",
      "--content",
      dir,
      "--map",
      "title=Subject Line,date=Posted",
      "--map",
      "views=Hits,text=Text",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const text = await notice(dir, "2020-01-02-first-notice", "en");
    assert.match(text, /^readCount: 5$/m);
    assert.match(
      text,
      /^Plain \\\*text\\\* with \\<b>tags\\<\/b>$/m,
      "a plain-text body is kept as written",
    );
  });

  for (const [args, message] of [
    [["--from", "x.csv"], /^error: --lang is required: ko or en$/m],
    [["--lang", "ko"], /^error: --from is required/m],
    [
      ["--lang", "ko", "--from", "tests/fixtures/import/board.csv", "--board", "press"],
      /^error: --board: expected a board of _data\/boards\.json \(notices\), got "press"$/m,
    ],
    [
      ["--lang", "ko", "--from", "tests/fixtures/import/board.csv", "--map", "colour=제목"],
      /^error: --map: unknown key "colour": expected one of title, date, html, text/m,
    ],
    [
      ["--lang", "ko", "--from", "tests/fixtures/import/board.csv", "--map", "title=Headline"],
      /^error: --map title=Headline: board\.csv has no column "Headline" \(its columns: "번호", "제목"/m,
    ],
    [
      ["--lang", "ko", "--from", "tests/fixtures/import/board.csv", "--slug", "hash"],
      /^error: --slug: expected romanize or id, got "hash"$/m,
    ],
    [
      ["--lang", "ko", "--from", "tests/fixtures/import/missing.csv"],
      /^error: --from: no such file: tests\/fixtures\/import\/missing\.csv$/m,
    ],
  ] as const) {
    it(`is a usage error (exit 2, nothing written): ${args.join(" ")}`, async () => {
      const dir = await freshContent({});
      const result = await runCli("import", ["--content", dir, ...args]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /^usage: npm run import -- --from FILE --lang ko\|en/m);
      assert.deepEqual(await notices(dir), []);
    });
  }

  it(
    "writes the department's code when _data/departments.json names it",
    { skip: !NOTICE_KEYS.includes("department") && "the schema has no department key" },
    async () => {
      const dir = await freshContent({
        "_data/departments.json": JSON.stringify({
          "open-data": { ko: "정보공개정책과", en: "Information Disclosure Policy Division" },
        }),
      });
      const { result } = await runImport("board.csv", ["--lang", "ko"], dir);
      assert.doesNotMatch(result.stderr, /department/);
      assert.match(await notice(dir, CZECH), /^department: open-data$/m);
      assert.deepEqual(await check(dir), { code: 0, errors: 0 });
    },
  );
});
