import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requestSearchParams, switchSearchHref } from "../../src/client/query.ts";
import {
  bodyOf,
  monthRange,
  pageSizeOf,
  periodOf,
  presetRange,
  requestFromParams,
  scopeHolds,
  seoulToday,
} from "../../src/client/search-options.ts";
import { shardsFor } from "../../src/client/shard-search.ts";
import type { ShardEntry } from "../../src/search/index-writer.ts";

describe("search options", () => {
  it("takes today's date in Seoul, not the reader's time zone", () => {
    // 2025-03-31 20:00 UTC is already 1 April in Seoul (UTC+9).
    assert.equal(seoulToday(new Date("2025-03-31T20:00:00Z")), "2025-04-01");
    assert.equal(seoulToday(new Date("2025-03-31T14:59:00Z")), "2025-03-31");
  });

  it("counts the last week, month and year back from a fixed today", () => {
    assert.deepEqual(presetRange("week", "2025-03-03"), {
      first: "2025-02-25",
      last: "2025-03-03",
    });
    assert.deepEqual(presetRange("month", "2025-03-15"), {
      first: "2025-02-16",
      last: "2025-03-15",
    });
    assert.deepEqual(
      presetRange("month", "2025-03-31"),
      { first: "2025-03-01", last: "2025-03-31" },
      "a month back from 31 March starts after the last day of February",
    );
    assert.deepEqual(presetRange("year", "2024-02-29"), {
      first: "2023-03-01",
      last: "2024-02-29",
    });
    assert.equal(presetRange("decade", "2025-03-03"), undefined, "an unknown preset is no period");
  });

  it("reads months from-to as whole months, open at a missing end, swapped if reversed", () => {
    assert.deepEqual(monthRange("2025-01", "2025-06"), { first: "2025-01-01", last: "2025-06-30" });
    assert.deepEqual(monthRange("2024-02", "2024-02"), { first: "2024-02-01", last: "2024-02-29" });
    assert.deepEqual(monthRange("2025-06", "2025-01"), { first: "2025-01-01", last: "2025-06-30" });
    assert.deepEqual(monthRange("", "2020-12"), { first: "0000-01-01", last: "2020-12-31" });
    assert.deepEqual(monthRange("2020-01", undefined), { first: "2020-01-01", last: "9999-12-31" });
    assert.equal(monthRange("2025-13", "june"), undefined, "no valid month, no period");
  });

  it("lets a preset win over months", () => {
    const request = {
      query: "",
      ministry: "",
      year: "",
      sort: "",
      period: "week",
      from: "2020-01",
    };
    assert.deepEqual(periodOf(request, "2025-03-10"), { first: "2025-03-04", last: "2025-03-10" });
    assert.equal(periodOf({ ...request, period: "", from: "" }, "2025-03-10"), undefined);
  });

  it("matches the query words in the title or in the body by the query rules", () => {
    const english = {
      title: "Support for the local elections",
      content: "Support for the local elections The Ministry works with parking offices.",
    };
    assert.equal(scopeHolds(["election"], english, "title", "en"), true, "stem in the title");
    assert.equal(scopeHolds(["election"], english, "body", "en"), false, "only in the title");
    assert.equal(scopeHolds(["park"], english, "body", "en"), true, "prefix in the body");
    assert.equal(scopeHolds(["park"], english, "title", "en"), false);
    assert.equal(scopeHolds(["election", "park"], english, "", "en"), true, "both: no check");
    const korean = {
      title: "행정안전부 소식",
      content: "행정안전부 소식 새 누리집을 연다고 밝혔다.",
    };
    assert.equal(scopeHolds(["안전"], korean, "title", "ko"), true, "inside a compound title");
    assert.equal(scopeHolds(["누리집"], korean, "title", "ko"), false);
    assert.equal(scopeHolds(["누리집"], korean, "body", "ko"), true);
    assert.equal(bodyOf(korean.content, korean.title), " 새 누리집을 연다고 밝혔다.");
  });

  it("round-trips every option through the address and keeps defaults out of it", () => {
    const request = {
      query: "안전",
      board: "press",
      ministry: "",
      year: "",
      sort: "relevance",
      scope: "title",
      period: "",
      from: "2025-01",
      to: "2025-06",
      size: "20",
    };
    const params = requestSearchParams(request);
    assert.equal(
      params,
      "q=%EC%95%88%EC%A0%84&board=press&sort=relevance&scope=title&from=2025-01&to=2025-06&size=20",
    );
    assert.deepEqual(requestFromParams(new URLSearchParams(params)), request);
    const odd = requestFromParams(new URLSearchParams("scope=x&period=day&from=2025&size=7"));
    assert.deepEqual([odd.scope, odd.period, odd.from, odd.size], ["", "", "", ""]);
    assert.equal(pageSizeOf("50"), 50);
    assert.equal(pageSizeOf("7"), 10, "an unknown size falls back to 10");
    assert.equal(
      switchSearchHref("/en/search/", { ...request, ministry: "MOIS", period: "month" }),
      "/en/search/?q=%EC%95%88%EC%A0%84&board=press&sort=relevance&scope=title&period=month&size=20",
      "the other language keeps every option but the ministry; a preset drops the months",
    );
  });

  it("reads only the shards whose years overlap the period", () => {
    const shard = (id: string, first: string, last: string): ShardEntry => ({
      id,
      years: [first, last],
      pages: 1,
      fingerprint: id,
    });
    const shards = [
      shard("a", "2023", "2024"),
      shard("b", "2021", "2022"),
      shard("c", "2019", "2020"),
    ];
    const ids = (chosen: readonly ShardEntry[]) => chosen.map((s) => s.id);
    assert.deepEqual(ids(shardsFor(shards, "", { first: "2022-11-01", last: "2023-02-28" })), [
      "a",
      "b",
    ]);
    assert.deepEqual(ids(shardsFor(shards, "", { first: "2020-01-01", last: "2020-06-30" })), [
      "c",
    ]);
    assert.deepEqual(
      ids(shardsFor(shards, "2024", { first: "2019-01-01", last: "2020-12-31" })),
      [],
    );
    assert.deepEqual(ids(shardsFor(shards, "")), ["a", "b", "c"]);
  });
});
