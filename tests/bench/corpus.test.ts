import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as cheerio from "cheerio";
import {
  bodyWordCount,
  generateCorpus,
  medianBodyWords,
  noticeSource,
  writeSosikContent,
} from "../../bench/corpus.ts";
import type { CorpusNotice } from "../../bench/corpus.ts";
import { EN_WORDS, KO_NOUNS } from "../../bench/words.ts";
import { indexedWords, normaliseQuery, queryWords, stemOf } from "../../src/client/query.ts";
import { plainText, renderMarkdown } from "../../src/markdown.ts";
import { searchVocabulary } from "../../src/plugins/assets.ts";
import { koreanSearchTerms } from "../../src/search/korean-terms.ts";
import { ROOT, runCli, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const SEED = 20260101;
const MINISTRIES = Object.keys(
  JSON.parse(readFileSync(join(ROOT, "content/_data/ministries.json"), "utf8")) as object,
);
const corpus = (count: number, seed = SEED) => generateCorpus(count, seed, MINISTRIES);
const small = corpus(200);
const byLang = (notices: readonly CorpusNotice[], lang: string) =>
  notices.filter((n) => n.lang === lang);

/** How often each word form occurs in the bodies as a reader sees them (lower-cased). */
function wordForms(notices: readonly CorpusNotice[]): Map<string, number> {
  const forms = new Map<string, number>();
  for (const notice of notices) {
    for (const token of plainText(renderMarkdown(notice.body)).split(" ")) {
      const form = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
      if (form !== "") forms.set(form, (forms.get(form) ?? 0) + 1);
    }
  }
  return forms;
}

/**
 * The notices of a language that hold each query, by the search page's rule (a word starting
 * with the query word, or of its stem) over what bench/search-quality.ts reads from a built page:
 * title and text, and the Korean search terms.
 */
function holderCounter(notices: readonly CorpusNotice[], lang: "ko" | "en") {
  const byWord = new Map<string, Set<number>>();
  const byStem = new Map<string, Set<number>>();
  byLang(notices, lang).forEach((notice, index) => {
    const text = `${notice.title} ${plainText(renderMarkdown(notice.body))}`;
    const terms = lang === "ko" ? koreanSearchTerms(text).join(" ") : "";
    for (const word of indexedWords(`${text} ${terms}`)) {
      for (const [map, key] of [
        [byWord, word],
        [byStem, stemOf(word, lang)],
      ] as const) {
        const set = map.get(key) ?? new Set<number>();
        set.add(index);
        map.set(key, set);
      }
    }
  });
  const sorted = [...byWord.keys()].sort();
  const endings = searchVocabulary().endings;
  return (query: string): number => {
    const found = new Set<number>();
    const [word = ""] = queryWords(normaliseQuery(query, endings));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] ?? "") < word) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length && (sorted[i] ?? "").startsWith(word); i++) {
      for (const index of byWord.get(sorted[i] ?? "") ?? []) found.add(index);
    }
    for (const index of byStem.get(stemOf(word, lang)) ?? []) found.add(index);
    return found.size;
  };
}

describe("benchmark corpus", () => {
  it("writes bodies of 300 to 1,000 words with a median of 450 to 750 in each language", () => {
    for (const lang of ["ko", "en"]) {
      const counts = byLang(small, lang).map((notice) => bodyWordCount(notice.body));
      assert.ok(counts.length >= 90, `a ${lang} half of the corpus`);
      assert.ok(Math.min(...counts) >= 300, `${lang} bodies have at least 300 words`);
      assert.ok(Math.max(...counts) <= 1000, `${lang} bodies have at most 1,000 words`);
      const middle = medianBodyWords(byLang(small, lang));
      assert.ok(middle >= 450 && middle <= 750, `${lang} median ${String(middle)} is 450-750`);
      const usual = counts.filter((count) => count >= 400 && count <= 800).length;
      assert.ok(usual / counts.length > 0.6, `most ${lang} bodies have 400-800 words`);
    }
  });

  it("counts a body's words as a reader does, without Markdown's markers", () => {
    const body =
      "## 주요 내용\n\n- **기간**: 3월 4일\n1. 신청\n\n| 구분 | 일정 |\n| --- | --- |\n| 1차 | 3월 |\n\n[누리집](https://www.example.go.kr/a)에서 본다.\n";
    assert.equal(bodyWordCount(body), 12);
  });

  it("shapes every body as a notice: headings, lists, mostly links, and no raw HTML", () => {
    for (const notice of small) {
      const where = `${notice.lang}/${notice.slug}`;
      assert.match(notice.body, /^##{1,2} \S/m, `${where} has a ## or ### heading`);
      assert.match(notice.body, /^(- |\d+\. )\S/m, `${where} has a bulleted or numbered list`);
      assert.doesNotMatch(notice.body, /<[a-z/!?]/i, `${where} holds no raw HTML`);
    }
    const share = (pattern: RegExp) =>
      small.filter((notice) => pattern.test(notice.body)).length / small.length;
    assert.ok(share(/\]\((https:\/\/|\/(ko|en)\/notices\/)/) > 0.7, "most bodies have a link");
    assert.ok(share(/\]\(https:\/\/[a-z.]+\.example\.(go\.)?kr\//) > 0.5, "links to example.go.kr");
    assert.ok(share(/\]\(\/(ko|en)\/notices\//) > 0.2, "many link to another notice");
    assert.ok(share(/^\d+\. /m) > 0.2, "many have a numbered list");
    assert.ok(share(/^### /m) > 0.1, "some have ### subsections");
    assert.ok(share(/\*\*[^*\s][^*]*\*\*/) > 0.5, "most have bold text");
    const tables = share(/^\| --- \|/m);
    assert.ok(tables > 0.05 && tables < 0.4, `some have a table (${String(tables)})`);
  });

  it("links only to published notices of the corpus, in the notice's language", () => {
    const published = new Set(
      small.filter((n) => !n.draft).map((n) => `/${n.lang}/notices/${n.slug}/`),
    );
    let links = 0;
    for (const notice of small) {
      for (const [, href = ""] of notice.body.matchAll(/\]\((\/[^)]+)\)/g)) {
        links++;
        assert.ok(href.startsWith(`/${notice.lang}/`), `${href} is in ${notice.lang}`);
        assert.ok(published.has(href), `${href} of ${notice.slug} is a published notice`);
      }
    }
    assert.ok(links > 40, "notices link to each other");
  });

  it("renders through Sosik's Markdown as headings, lists, links, bold text and tables", () => {
    const withTable = small.find((notice) => /^\| --- \|/m.test(notice.body));
    assert.ok(withTable, "a notice with a table");
    for (const notice of [...small.slice(0, 6), withTable]) {
      const $ = cheerio.load(renderMarkdown(notice.body));
      const where = `${notice.lang}/${notice.slug}`;
      assert.ok($("h2").length >= 2, `${where} renders two or more h2`);
      assert.ok($("ul, ol").length >= 1, `${where} renders a list`);
      assert.ok($("li").length >= 3, `${where} renders list items`);
      assert.equal($("h1").length, 0, `${where} has no h1 (the page's title is)`);
      assert.ok($("p").length >= 3, `${where} renders paragraphs`);
      for (const link of $("a").toArray()) {
        const href = $(link).attr("href") ?? "";
        assert.match(href, /^(https:\/\/[a-z.]+\.example\.(go\.)?kr\/|\/(ko|en)\/notices\/)/);
      }
    }
    const $ = cheerio.load(renderMarkdown(withTable.body));
    assert.ok($("table thead th").length === 4, "the table has its four header cells");
    assert.ok($("table tbody tr").length >= 3, "the table has rows");
    const all = small.map((notice) => cheerio.load(renderMarkdown(notice.body)));
    assert.ok(all.filter(($) => $("a").length > 0).length > 140, "most render a link");
    assert.ok(
      all.some(($) => $("h3").length > 0),
      "some render h3",
    );
    assert.ok(
      all.some(($) => $("ol").length > 0),
      "some render an ordered list",
    );
    assert.ok(
      all.some(($) => $("strong").length > 0),
      "some render bold text",
    );
  });

  it("gives byte-identical files for the same seed and N, and other files for another seed", async () => {
    assert.deepEqual(corpus(200).map(noticeSource), small.map(noticeSource));
    const other = corpus(200, SEED + 1);
    assert.notEqual(other[0]?.body, small[0]?.body, "another seed writes other bodies");
    const [a, b] = [await tempDir("sosik-corpus-"), await tempDir("sosik-corpus-")];
    const data = join(ROOT, "content/_data");
    await writeSosikContent(corpus(60), a, data);
    await writeSosikContent(corpus(60), b, data);
    const [first, second] = [await snapshotTree(a), await snapshotTree(b)];
    assert.ok(first.size > 60, "the notices and attachments are written");
    assert.deepEqual(treeDifferences(first, second), [], "the two folders are the same bytes");
  });

  it("grows its vocabulary with the board, with a Zipf head of the common words", () => {
    const large = corpus(2000);
    for (const lang of ["ko", "en"]) {
      const few = wordForms(byLang(small, lang));
      const many = wordForms(byLang(large, lang));
      assert.ok(
        few.size > 3000,
        `${lang}: thousands of forms in 200 notices (${String(few.size)})`,
      );
      assert.ok(
        many.size > 3 * few.size,
        `${lang}: 2,000 notices have far more forms (${String(many.size)} vs ${String(few.size)})`,
      );
      const ranked = [...many.values()].sort((x, y) => y - x);
      const [top = 0, hundredth = 0] = [ranked[0], ranked[99]];
      assert.ok(
        top > 8 * hundredth,
        `${lang}: the top form (${String(top)}) is far above the 100th (${String(hundredth)})`,
      );
      const once = ranked.filter((count) => count === 1).length;
      assert.ok(once > many.size / 4, `${lang}: a long tail of forms seen once (${String(once)})`);
    }
  });

  it("keeps words the search benchmarks query: hits for theirs, and rare list words at 1,000", () => {
    const board = corpus(1000);
    for (const [lang, list, query, shortest] of [
      ["ko", KO_NOUNS, "안전", 2],
      ["en", EN_WORDS, "emergency", 5],
    ] as const) {
      const holders = holderCounter(board, lang);
      assert.ok(holders(query) > 20, `${lang} notices hold ${query}`);
      // bench/search-quality.ts takes the first six list words found in 1 to 40 notices.
      const rare = list
        .filter((word) => word.length >= shortest)
        .filter((word) => {
          const count = holders(word);
          return count > 0 && count <= 40;
        });
      assert.ok(rare.length >= 10, `${lang}: ten list words in 1-40 notices (${rare.join(" ")})`);
    }
  });

  it("writes a content folder that npm run check accepts without errors", async () => {
    const dir = await tempDir("sosik-corpus-check-");
    await writeSosikContent(small, dir, join(ROOT, "content/_data"));
    const result = await runCli("check", ["--content", dir, "--format", "json"]);
    assert.equal(
      result.code,
      0,
      `the check passes:\n${result.stdout.slice(0, 2000)}${result.stderr}`,
    );
    const report = JSON.parse(result.stdout) as { notices: number; errors: number };
    assert.equal(report.errors, 0, "no content errors");
    assert.equal(report.notices, small.length, "every notice is read");
  });
});
