import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  fill,
  filtersOf,
  normaliseQuery,
  requestSearchParams,
  worthPreloading,
} from "../../src/client/query.ts";
import { shardsFor } from "../../src/client/shard-search.ts";
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
