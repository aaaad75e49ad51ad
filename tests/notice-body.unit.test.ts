import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prepareNoticeBodies, prepareNoticeBody } from "../src/notice-body.ts";
import type { BodySource } from "../src/notice-body.ts";

const KOREAN: BodySource = {
  lang: "ko",
  slug: "2023-04-10-safety-inspection",
  title: "공영주차장 안전점검 실시",
  body: "행정안전부는 **공영주차장**과 사회복지관에서 안전점검을 실시한다고 밝혔다.\n\n- 점검 대상: 전국 지자체",
};
const ENGLISH: BodySource = {
  lang: "en",
  slug: "2023-04-10-safety-inspection",
  title: "Safety inspection of public car parks",
  body: "# Inspection\n\nThe Ministry will inspect [car parks](https://www.example.go.kr/parks).",
};
const SOURCES: BodySource[] = [
  KOREAN,
  ENGLISH,
  {
    lang: "ko",
    slug: "2024-01-02-notice",
    title: "주민등록증 재발급 안내",
    body: "주민등록증을 재발급받으려면 주민센터를 방문하세요.",
  },
];

describe("notice bodies", () => {
  it("render Markdown, with Korean search terms for Korean notices only", () => {
    const korean = prepareNoticeBody(KOREAN);
    assert.match(korean.html, /<strong>공영주차장<\/strong>/);
    assert.ok(
      korean.searchTerms.split(" ").includes("주차장"),
      "공영주차장 should give the term 주차장",
    );
    const english = prepareNoticeBody(ENGLISH);
    assert.match(english.html, /<h2>Inspection<\/h2>/, "a body's h1 should become h2");
    assert.equal(english.searchTerms, "", "English notices need no extra terms");
  });

  it("come out the same from worker threads as from this thread", async () => {
    const here = await prepareNoticeBodies(SOURCES, { threads: 1 });
    const threaded = await prepareNoticeBodies(SOURCES, { threads: 2, minimum: 0 });
    assert.equal(threaded.size, SOURCES.length, "every notice should get a body");
    assert.deepEqual(threaded, here, "worker threads should prepare exactly the same bodies");
  });

  it("come back whole and in order when each worker gets its share in several batches", async () => {
    // 1,500 bodies on two threads: each worker is sent three batches, two of them at once.
    const many: BodySource[] = Array.from({ length: 1500 }, (_, i) => {
      const base = SOURCES[i % SOURCES.length] as BodySource;
      return {
        ...base,
        slug: `2024-01-02-notice-${String(i)}`,
        body: `${base.body}\n\n${String(i)}번`,
      };
    });
    const here = await prepareNoticeBodies(many, { threads: 1 });
    const threaded = await prepareNoticeBodies(many, { threads: 2, minimum: 0 });
    assert.equal(threaded.size, many.length, "every notice should get a body");
    for (const [key, body] of here) {
      assert.deepEqual(threaded.get(key), body, `${key} should get its own body`);
    }
  });
});
