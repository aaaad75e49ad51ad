import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findForbiddenCharacter, isForbidden } from "../../src/content/text.ts";

describe("forbidden characters", () => {
  it("are found by the quick test exactly when a character is forbidden, for every code point", () => {
    const disagree: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      const text = `a${String.fromCodePoint(codePoint)}b`;
      const found = findForbiddenCharacter(text) !== undefined;
      if (found !== isForbidden(codePoint)) disagree.push(codePoint.toString(16));
      if (disagree.length > 10) break;
    }
    assert.deepEqual(disagree, []);
  });

  it("tells a lone surrogate from a pair, and gives the position", () => {
    assert.equal(findForbiddenCharacter("한국어 😀 text"), undefined, "a pair is one character");
    assert.deepEqual(findForbiddenCharacter("ab\ud83d"), { codePoint: 0xd83d, index: 2 });
    assert.deepEqual(findForbiddenCharacter("ab\udE00c"), { codePoint: 0xde00, index: 2 });
    assert.deepEqual(findForbiddenCharacter("tab\tok\u0007"), { codePoint: 7, index: 6 });
  });
});
