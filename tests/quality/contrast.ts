/**
 * Colour contrast read from the stylesheet itself, so that states axe never sees in a built page
 * (the preview banner, hover and focus styles, print) are held to the same ratios.
 * WCAG 2.2 relative luminance and contrast ratio: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
 */

/** One rule of a stylesheet: its selector and its declarations, last one winning. */
export interface CssRule {
  readonly selector: string;
  readonly declarations: ReadonlyMap<string, string>;
}

/** Splits a plain stylesheet (no nesting beyond @media) into its innermost rules. */
export function parseRules(css: string): CssRule[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
  return [...withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((match) => {
    const declarations = new Map<string, string>();
    for (const declaration of (match[2] ?? "").split(";")) {
      const colon = declaration.indexOf(":");
      if (colon < 0) continue;
      declarations.set(
        declaration.slice(0, colon).trim().toLowerCase(),
        declaration.slice(colon + 1).trim(),
      );
    }
    return { selector: (match[1] ?? "").trim().replace(/\s+/g, " "), declarations };
  });
}

/** The custom properties of `:root`, resolved. */
export function customProperties(rules: readonly CssRule[]): Map<string, string> {
  const properties = new Map<string, string>();
  for (const rule of rules.filter((r) => r.selector === ":root")) {
    for (const [name, value] of rule.declarations) {
      if (name.startsWith("--")) properties.set(name, value);
    }
  }
  return properties;
}

const NAMED: Readonly<Record<string, string>> = { white: "#ffffff", black: "#000000" };

/** An sRGB colour `[r, g, b]` (0-255) from `#rgb`, `#rrggbb`, a var() or a few names. */
export function parseColor(
  value: string,
  properties: ReadonlyMap<string, string>,
): [number, number, number] | undefined {
  const resolved = value.replace(
    /var\((--[\w-]+)\)/g,
    (_, name: string) => properties.get(name) ?? "",
  );
  const text = (NAMED[resolved.trim().toLowerCase()] ?? resolved).trim();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text);
  const parts = short ? short.slice(1).map((h) => h + h) : long?.slice(1);
  if (parts?.length !== 3) return undefined;
  const [r, g, b] = parts.map((hex) => parseInt(hex, 16));
  return r === undefined || g === undefined || b === undefined ? undefined : [r, g, b];
}

/** Relative luminance of an sRGB colour. */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
