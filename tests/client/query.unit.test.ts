import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildExcerpt, titleWordCount } from "../../src/client/excerpt.ts";
import type { ExcerptPart } from "../../src/client/excerpt.ts";
import {
  countTemplate,
  fill,
  filtersOf,
  findsLongerWords,
  foldWord,
  holdsWord,
  indexedWords,
  normaliseQuery,
  pagefindKnows,
  queryEndings,
  queryWords,
  requestSearchParams,
  stemOf,
  switchSearchHref,
  worthPreloading,
} from "../../src/client/query.ts";
import { TERMS_META, shardsFor } from "../../src/client/shard-search.ts";
import { SEARCH_TERMS_META } from "../../src/search/korean-terms.ts";
import type { ShardEntry } from "../../src/search/index-writer.ts";

describe("search query rules", () => {
  it("drops a trailing particle from a Korean word that keeps two syllables", () => {
    assert.equal(normaliseQuery("행정안전부는"), "행정안전부");
    assert.equal(normaliseQuery("공영주차장에서"), "공영주차장");
    // The longest particle goes whole: 에서는, not 는.
    assert.equal(normaliseQuery("주차장에서는"), "주차장");
  });

  it("keeps a word that would be left with one syllable, and words in other scripts", () => {
    assert.equal(normaliseQuery("국가"), "국가", "가 after one syllable is part of the noun");
    assert.equal(normaliseQuery("Safety는"), "Safety는", "only Hangul words lose particles");
    assert.equal(normaliseQuery("emergency plan"), "emergency plan");
  });

  it("trims and joins words with single spaces", () => {
    assert.equal(normaliseQuery("  안전은   점검을 "), "안전 점검");
  });

  it("preloads once the last word narrows the index: two syllables or three letters", () => {
    assert.equal(worthPreloading("안"), false);
    assert.equal(worthPreloading("안전"), true);
    assert.equal(worthPreloading("em"), false);
    assert.equal(worthPreloading("safety eme"), true);
  });

  it("names the terms field as the indexer does", () => {
    assert.equal(TERMS_META, SEARCH_TERMS_META);
  });

  it("fills placeholders and leaves unknown ones empty", () => {
    assert.equal(
      fill("{count} results for {query}", { count: "3", query: "안전" }),
      "3 results for 안전",
    );
    assert.equal(fill("{missing}!", {}), "!");
    assert.equal(fill(undefined, {}), "");
  });

  it("turns only the choices made into filters and URL parameters", () => {
    const request = { query: " 안전 ", ministry: "", year: "2024", sort: "" };
    assert.deepEqual(filtersOf(request), { year: ["2024"] });
    assert.equal(requestSearchParams(request), "q=%EC%95%88%EC%A0%84&year=2024");
    assert.equal(requestSearchParams({ query: " ", ministry: "", year: "", sort: "" }), "");
  });
});

describe("shards a dated search reads", () => {
  const shard = (id: string, from: string, to: string): ShardEntry => ({
    id,
    years: [from, to],
    pages: 1,
    fingerprint: id,
  });
  const shards = [
    shard("a", "2021", "2026"),
    shard("b", "2015", "2020"),
    shard("c", "2001", "2014"),
  ];

  it("reads every shard, newest first, when no year is chosen", () => {
    assert.deepEqual(
      shardsFor(shards, "").map((s) => s.id),
      ["a", "b", "c"],
    );
  });

  it("reads only the shard that holds the chosen year", () => {
    assert.deepEqual(
      shardsFor(shards, "2020").map((s) => s.id),
      ["b"],
    );
    assert.deepEqual(
      shardsFor(shards, "1999").map((s) => s.id),
      [],
    );
  });
});

describe("query endings from the dictionary", () => {
  const dictionary = ["는", "관", "한", "에서", "에서는", "하게", "합니다", "들", "들에게", "에게"];
  // 관 ends many nouns of three syllables or more; 한 ends few.
  const nouns = [
    ...Array.from({ length: 20 }, (_, i) => `복지${String.fromCharCode(0xac00 + i)}관`),
    "최소한",
    "복지",
  ];
  const endings = queryEndings(dictionary, nouns);

  it("keeps endings of two syllables or more, and one-syllable ones that end few nouns", () => {
    assert.deepEqual(endings, ["에서는", "합니다", "에게", "에서", "하게", "는", "한"]);
  });

  it("drops verb and adverb endings as it drops particles", () => {
    assert.equal(normaliseQuery("안전하게", endings), "안전");
    assert.equal(normaliseQuery("안전한", endings), "안전");
    assert.equal(normaliseQuery("실시합니다", endings), "실시");
    assert.equal(normaliseQuery("주차장에서는", endings), "주차장");
  });

  it("drops the plural on its own, before or without a particle", () => {
    assert.equal(normaliseQuery("어르신들에게", endings), "어르신");
    assert.equal(normaliseQuery("청년들", endings), "청년");
    assert.equal(normaliseQuery("나들", endings), "나들", "a two-syllable word keeps its 들");
  });

  it("keeps a one-syllable noun suffix that the dictionary also lists as an ending", () => {
    assert.equal(normaliseQuery("복지관", endings), "복지관", "관 of 복지관 is no particle here");
  });
});

describe("what a hit holds", () => {
  it("folds words as Pagefind indexes them, punctuation out", () => {
    assert.equal(foldWord("Safety,"), "safety");
    assert.equal(foldWord("‘안전디딤돌’"), "안전디딤돌");
    assert.deepEqual(indexedWords("e-government, Safety."), [
      "egovernment",
      "government",
      "safety",
    ]);
    assert.deepEqual(queryWords("Election  안전"), ["election", "안전"]);
  });

  it("stems English words on English pages only, as Pagefind does", () => {
    assert.equal(stemOf("elections", "en"), "elect");
    assert.equal(stemOf("elections", "ko"), "elections");
    assert.equal(stemOf("안전", "en"), "안전");
  });

  it("lets a word that is its own stem find longer words, and an inflected word only its stem", () => {
    assert.equal(findsLongerWords("elect", "en"), true);
    assert.equal(findsLongerWords("election", "en"), false, "election -> elect is inflected");
    assert.equal(findsLongerWords("안전", "ko"), true);
  });

  it("holds a word that starts with the query word or has its stem, not one of a longer stem", () => {
    assert.equal(holdsWord("election", ["elections"], "en"), true, "same stem");
    assert.equal(holdsWord("elect", ["electricity"], "en"), true, "starts with it");
    assert.equal(holdsWord("election", ["electricity"], "en"), false);
    assert.equal(holdsWord("안전", ["안전점검을"], "ko"), true);
    assert.equal(holdsWord("안전", ["행정안전부는"], "ko"), false, "inside a compound is no start");
  });

  it("tells Pagefind's fallback from a word it knows", () => {
    // "nothingmatchesthis" falls back to "not": the result holds "not", no word of its stem.
    assert.equal(pagefindKnows("nothingmatchesthis", ["do", "not", "notice"], "en"), false);
    assert.equal(pagefindKnows("election", ["electricity"], "en"), true, "a longer stem");
    assert.equal(pagefindKnows("안전뷁", ["안전", "행정안전부"], "ko"), false);
    assert.equal(pagefindKnows("안전", ["안전", "행정안전부"], "ko"), true);
  });
});

describe("counts and the language switch", () => {
  const templates = { one: "{count} result", other: "{count} results" };

  it("writes English counts in the singular for one only", () => {
    assert.equal(fill(countTemplate(1, "en", templates), { count: "1" }), "1 result");
    assert.equal(fill(countTemplate(2, "en", templates), { count: "2" }), "2 results");
    assert.equal(fill(countTemplate(0, "en", templates), { count: "0" }), "0 results");
  });

  it("writes Korean counts in their one form", () => {
    const korean = { one: "", other: "검색 결과 {count}건" };
    assert.equal(countTemplate(1, "ko", korean), "검색 결과 {count}건");
  });

  it("keeps the query, year and order, not the ministry, on the other language's page", () => {
    const request = { query: "안전", ministry: "행정안전부", year: "2023", sort: "relevance" };
    assert.equal(
      switchSearchHref("/sosik/en/search/", request),
      "/sosik/en/search/?q=%EC%95%88%EC%A0%84&year=2023&sort=relevance",
    );
    assert.equal(
      switchSearchHref("/en/search/", { query: " ", ministry: "", year: "", sort: "" }),
      "/en/search/",
    );
  });
});

describe("excerpts", () => {
  const marks = (parts: readonly ExcerptPart[]) => parts.filter((p) => p.mark).map((p) => p.text);
  const text = (parts: readonly ExcerptPart[]) => parts.map((p) => p.text).join("");

  it("highlights a word without the punctuation around it", () => {
    const parts = buildExcerpt(
      "Title. The Ministry of Safety, and more.",
      "Title",
      ["safety"],
      "en",
    );
    assert.deepEqual(marks(parts), ["Safety"]);
    assert.match(text(parts), /Safety, and more\.$/, "the comma stays, outside the mark");
  });

  it("does not start by repeating the title", () => {
    const content = "Heat wave measures. Heat wave measures start on 20 May.";
    assert.equal(titleWordCount(content.split(" "), "Heat wave measures"), 3);
    const parts = buildExcerpt(content, "Heat wave measures", ["may"], "en");
    assert.equal(text(parts), "Heat wave measures start on 20 May.");
  });

  it("highlights a Korean compound that holds the query word, preferring a word it begins", () => {
    const only = buildExcerpt("제목. 중앙선거관리위원회와 함께", "제목", ["선거관리위원회"], "ko");
    assert.deepEqual(marks(only), ["중앙선거관리위원회와"]);
    const words = Array.from({ length: 40 }, (_, i) => `낱말${String(i)}`);
    const content = ["행정안전부는", ...words, "안전점검을", "실시한다."].join(" ");
    const parts = buildExcerpt(content, "", ["안전"], "ko");
    assert.ok(marks(parts).includes("안전점검을"), "the excerpt should show 안전점검을");
  });
});
