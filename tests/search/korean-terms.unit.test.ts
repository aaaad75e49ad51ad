import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { QUERY_PARTICLES } from "../../src/client/query.ts";
import { koreanDictionary, koreanSearchTerms } from "../../src/search/korean-terms.ts";

const fixtureNotices = new URL("../fixtures/korean-search/notices.json", import.meta.url);

function assertIncludes(terms: readonly string[], expected: readonly string[]): void {
  for (const term of expected) {
    assert.ok(terms.includes(term), `expected "${term}" in [${terms.join(", ")}]`);
  }
}

function assertExcludes(terms: readonly string[], unexpected: readonly string[]): void {
  for (const term of unexpected) {
    assert.ok(!terms.includes(term), `did not expect "${term}" in [${terms.join(", ")}]`);
  }
}

test("the dictionary yields nouns and particles, not verbs", () => {
  const dict = koreanDictionary();
  // Guards the flag numbers: a renumbered dictionary-ko would shrink or empty these sets.
  assert.ok(dict.nouns.size > 30_000, `only ${dict.nouns.size} nouns`);
  for (const noun of ["행정", "안전", "주차장", "복지", "사회", "공영"])
    assert.ok(dict.nouns.has(noun), noun);
  for (const verb of ["하다", "가다", "지원하다"]) assert.ok(!dict.nouns.has(verb), verb);
  // The particles the search page drops from queries are ones the dictionary knows.
  for (const particle of QUERY_PARTICLES) {
    assert.ok(dict.endings.has(particle), `the dictionary should know the particle ${particle}`);
  }
  assert.ok(dict.verbalNouns.has("발급"));
  assert.ok(dict.loadMs >= 0);
});

test("splits the team's examples into their parts", () => {
  assertIncludes(koreanSearchTerms("행정안전부는"), ["행정", "안전", "행정안전부"]);
  assertIncludes(koreanSearchTerms("공영주차장에서"), ["공영", "주차", "주차장", "공영주차장"]);
  assertIncludes(koreanSearchTerms("사회복지관은"), ["사회", "복지", "복지관", "사회복지관"]);
});

test("never adds words that straddle a part boundary", () => {
  assertExcludes(koreanSearchTerms("공영주차장에서"), ["영주", "차장", "영주차장"]);
  assertExcludes(koreanSearchTerms("행정안전부는"), ["정안", "전부"]);
  // Dictionary words are not cut into look-alikes (개나리 is no kind of 나리).
  assert.deepEqual(koreanSearchTerms("개나리 진달래"), []);
});

test("strips particles and verbal endings", () => {
  assert.deepEqual(koreanSearchTerms("정부는"), ["정부"]);
  assert.deepEqual(koreanSearchTerms("지원했다"), ["지원"]);
  assert.deepEqual(koreanSearchTerms("발표한다고"), ["발표"]);
  assert.deepEqual(koreanSearchTerms("서울로"), ["서울"]);
  assert.deepEqual(koreanSearchTerms("어르신들에게"), ["어르신"]);
  assert.deepEqual(koreanSearchTerms("효율적인"), ["효율적", "효율"]);
  // 가 after a final consonant is part of the noun, not the particle: 국가가 is 국가 + 가.
  assert.deepEqual(koreanSearchTerms("국가가"), ["국가"]);
  // A noun that merely ends like a particle stays whole.
  assert.deepEqual(koreanSearchTerms("아이"), []);
});

test("keeps prefixed compounds searchable by their noun", () => {
  assertIncludes(koreanSearchTerms("비대면으로"), ["비대면", "대면"]);
  assertIncludes(koreanSearchTerms("재발급"), ["발급"]);
  assertIncludes(koreanSearchTerms("저소득층은"), ["저소득층", "소득"]);
});

test("a word missing from the dictionary keeps its bare form and known parts", () => {
  assert.deepEqual(koreanSearchTerms("뉴딜은"), ["뉴딜"]);
  assertIncludes(koreanSearchTerms("그린뉴딜정책을"), ["그린뉴딜정책", "정책"]);
  // 돌봄 is newer than the dictionary; it still follows a known noun.
  assertIncludes(koreanSearchTerms("방문돌봄"), ["방문", "돌봄"]);
});

test("leaves out terms that already are whole words of the text", () => {
  const terms = koreanSearchTerms("행정안전부는 오늘 행정안전부 누리집에 공고했다.");
  assertExcludes(terms, ["행정안전부", "오늘", "누리집에"]);
  assertIncludes(terms, ["행정", "안전", "누리집", "공고"]);
});

test("empty, blank and English text add nothing", () => {
  assert.deepEqual(koreanSearchTerms(""), []);
  assert.deepEqual(koreanSearchTerms("  \n\t "), []);
  assert.deepEqual(koreanSearchTerms("The Ministry of the Interior and Safety announced"), []);
  assert.deepEqual(koreanSearchTerms("2025-07-01 10:30, 1,000원"), []);
});

test("mixed Korean and English text yields only Korean terms", () => {
  const terms = koreanSearchTerms("Seoul 시청에서 K-패스를 QR코드로 발급");
  assertIncludes(terms, ["시청", "패스", "코드"]);
  for (const term of terms) assert.match(term, /^[가-힣]+$/);
});

test("punctuation and digits do not hide words", () => {
  const terms = koreanSearchTerms(
    "‘공영주차장’에서 (사회복지관) 2025년도 보건·복지 120다산콜센터나",
  );
  assertIncludes(terms, ["주차장", "복지관", "년도", "복지", "콜센터"]);
  // A particle cut off by a closing quote is no term of its own.
  assertExcludes(terms, ["에서"]);
});

test("output is deduplicated, in order of first appearance, and repeatable", () => {
  const text = "사회복지관은 공영주차장에서 사회복지관을 공영주차장으로";
  const first = koreanSearchTerms(text);
  assert.equal(new Set(first).size, first.length);
  assert.deepEqual(koreanSearchTerms(text), first);
  assert.ok(first.indexOf("복지관") < first.indexOf("주차장"));
});

test("decomposed (NFD) input gives the same terms as composed text", () => {
  const text = "공영주차장에서 사회복지관은";
  assert.deepEqual(koreanSearchTerms(text.normalize("NFD")), koreanSearchTerms(text));
});

test("1,000 notices of about 300 words are processed quickly", async (t) => {
  const dict = koreanDictionary();
  // Notices made of the fixtures' own sentences plus dictionary compounds with particles, so the
  // vocabulary is as varied as a real corpus rather than 300 repetitions of a few words.
  type Notice = { lang: string; title: string; body: string[] };
  const fixtures = (JSON.parse(await readFile(fixtureNotices, "utf8")) as Notice[]).filter(
    (notice) => notice.lang === "ko",
  );
  const fixtureWords = fixtures.flatMap((notice) =>
    [notice.title, ...notice.body].join(" ").split(/\s+/),
  );
  const nouns = [...dict.nouns].filter((noun) => noun.length >= 2);
  const endings = [
    "",
    "",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에서",
    "으로",
    "와",
    "하는",
    "했다",
  ];
  let seed = 20240701;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(random() * list.length)];
    if (item === undefined) throw new Error("empty list");
    return item;
  };
  const vocabulary = Array.from({ length: 30_000 }, () => {
    const parts = 1 + Math.floor(random() * random() * 3);
    return Array.from({ length: parts }, () => pick(nouns)).join("") + pick(endings);
  });
  const notices = Array.from({ length: 1_000 }, () =>
    Array.from({ length: 300 }, () =>
      random() < 0.5 ? pick(fixtureWords) : pick(vocabulary),
    ).join(" "),
  );

  const started = performance.now();
  let terms = 0;
  for (const notice of notices) terms += koreanSearchTerms(notice).length;
  const elapsed = performance.now() - started;
  t.diagnostic(`dictionary load ${dict.loadMs.toFixed(0)} ms`);
  t.diagnostic(
    `1,000 notices x 300 words: ${elapsed.toFixed(0)} ms, ${(terms / 1_000).toFixed(0)} terms per notice`,
  );
  assert.ok(elapsed < 15_000, `took ${elapsed.toFixed(0)} ms`);
});
