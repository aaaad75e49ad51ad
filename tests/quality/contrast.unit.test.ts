import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "../helpers/site.ts";
import { contrastRatio, customProperties, luminance, parseColor, parseRules } from "./contrast.ts";

const rules = parseRules(readFileSync(join(ROOT, "layouts/assets/site.css"), "utf8"));
const properties = customProperties(rules);
type Rgb = [number, number, number];

function color(value: string): Rgb {
  const parsed = parseColor(value, properties);
  assert.ok(parsed, `${value} should be a colour the test can read`);
  return parsed;
}

const WHITE = color("#fff");
// The backgrounds of the page body, of table headers and the footer, and of the header.
const LIGHT_BACKGROUNDS = { white: WHITE, "--soft": color("var(--soft)") };
const DARK_BACKGROUNDS = {
  "--brand": color("var(--brand)"),
  "--brand-dark": color("var(--brand-dark)"),
};

function background(value: string): Rgb | undefined {
  // `background: #fff4ce;` or `background-color: ...`: only solid colours are compared.
  return parseColor(value.split(/\s+/)[0] ?? "", properties);
}

describe("colour contrast in site.css", () => {
  it("computes WCAG contrast ratios", () => {
    assert.equal(contrastRatio([0, 0, 0], WHITE), 21);
    assert.equal(contrastRatio(WHITE, WHITE), 1);
    assert.ok(Math.abs(contrastRatio(color("#767676"), WHITE) - 4.54) < 0.01);
  });

  it("gives every rule with a text colour and a background at least 4.5:1", () => {
    let pairs = 0;
    for (const rule of rules) {
      const text = rule.declarations.get("color");
      const back = rule.declarations.get("background") ?? rule.declarations.get("background-color");
      if (text === undefined || back === undefined) continue;
      const backColor = background(back);
      if (backColor === undefined) continue;
      // `inherit` on a highlight means the body text colour.
      const textColor = color(text === "inherit" ? "var(--text)" : text);
      const ratio = contrastRatio(textColor, backColor);
      assert.ok(ratio >= 4.5, `${rule.selector}: ${text} on ${back} is ${ratio.toFixed(2)}:1`);
      pairs++;
    }
    assert.ok(pairs >= 6, `several colour pairs should be checked, found ${String(pairs)}`);
  });

  it("gives text colours set alone at least 4.5:1 on the backgrounds they can sit on", () => {
    let checked = 0;
    for (const rule of rules) {
      const text = rule.declarations.get("color");
      if (text === undefined || rule.declarations.has("background")) continue;
      const textColor = parseColor(text, properties);
      if (textColor === undefined) continue;
      // Light text is used only inside the header's brand colours; dark text on the page.
      const backgrounds = luminance(textColor) > 0.4 ? DARK_BACKGROUNDS : LIGHT_BACKGROUNDS;
      for (const [name, backColor] of Object.entries(backgrounds)) {
        const ratio = contrastRatio(textColor, backColor);
        assert.ok(ratio >= 4.5, `${rule.selector}: ${text} on ${name} is ${ratio.toFixed(2)}:1`);
      }
      checked++;
    }
    assert.ok(checked >= 10, `text colours should be checked, found ${String(checked)}`);
  });

  it("draws the focus indicator at 3:1 against light and dark backgrounds", () => {
    const focus = rules.find((rule) => rule.selector === ":focus-visible");
    assert.ok(focus, "site.css should style :focus-visible");
    const outline = color((focus.declarations.get("outline") ?? "").split(/\s+/).pop() ?? "");
    const ring = color((focus.declarations.get("box-shadow") ?? "").split(/\s+/).pop() ?? "");
    for (const [name, backColor] of Object.entries(DARK_BACKGROUNDS)) {
      const ratio = contrastRatio(outline, backColor);
      assert.ok(ratio >= 3, `the focus outline on ${name} is ${ratio.toFixed(2)}:1`);
    }
    for (const [name, backColor] of Object.entries(LIGHT_BACKGROUNDS)) {
      const ratio = contrastRatio(ring, backColor);
      assert.ok(ratio >= 3, `the focus ring on ${name} is ${ratio.toFixed(2)}:1`);
    }
  });
});
