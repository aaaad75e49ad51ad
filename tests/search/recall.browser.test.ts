import { test } from "node:test";
import assert from "node:assert/strict";
import { formatRecallReport, measureRecall } from "./recall.ts";

test("Korean search terms lift recall without hurting English", { timeout: 180_000 }, async (t) => {
  const report = await measureRecall();
  for (const line of formatRecallReport(report)) t.diagnostic(line);
  const { withoutTerms, withTerms } = report;

  assert.ok(
    withTerms.korean.recall >= 0.95,
    `Korean recall with terms is ${withTerms.korean.recall}`,
  );
  assert.ok(
    withTerms.english.recall >= withoutTerms.english.recall,
    `English recall fell from ${withoutTerms.english.recall} to ${withTerms.english.recall}`,
  );
  // The terms live in a metadata field: searchable, but never shown in an excerpt.
  assert.ok(report.foundOnlyWithTerms.length > 0, "no hit came from the terms field");
  assert.deepEqual(withTerms.excerptLeaks, []);
  assert.ok(withTerms.korean.falseHits <= withoutTerms.korean.falseHits);
  // Held-out queries with verb and adverb endings (안전하게, 발급합니다) find what their nouns
  // find, and nothing across a word boundary.
  const endings = withTerms.outcomes.filter((outcome) => outcome.kind === "ending");
  assert.ok(endings.length >= 10, "the fixtures should hold queries with endings");
  for (const outcome of endings) {
    assert.deepEqual(outcome.missed, [], `"${outcome.query}" should find every notice of its noun`);
    assert.deepEqual(outcome.falseHits, [], `"${outcome.query}" should find nothing else`);
  }
});
