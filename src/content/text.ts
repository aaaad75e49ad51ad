/**
 * Characters a web page cannot carry. HTML forbids control characters other than whitespace and
 * Unicode noncharacters in text (https://html.spec.whatwg.org/multipage/syntax.html#text-2);
 * a lone surrogate cannot even be written as UTF-8. Content holding one is refused with its
 * position, instead of being published as a page the validator rejects.
 */

/** A character found where it must not be: its code point and its index in the text. */
export interface ForbiddenCharacter {
  readonly codePoint: number;
  readonly index: number;
}

/** True for a control character other than whitespace, a noncharacter or a lone surrogate. */
export function isForbidden(codePoint: number): boolean {
  if (codePoint < 0x20) return ![0x09, 0x0a, 0x0c, 0x0d].includes(codePoint);
  if (codePoint >= 0x7f && codePoint <= 0x9f) return true;
  if (codePoint >= 0xfdd0 && codePoint <= 0xfdef) return true;
  // U+FFFE and U+FFFF, and the same last two code points of every other plane.
  if ((codePoint & 0xfffe) === 0xfffe) return true;
  // Iterating a string yields a surrogate alone only when it has no partner.
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

// The same set as isForbidden, as one regular expression: with the u flag, [\ud800-\udfff]
// matches only a surrogate without its partner. Testing a whole file with it is about 20 times
// faster than walking its characters, which showed in checking 10,000 notices.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}\ud800-\udfff]/u;

/** The first forbidden character of `text`, or undefined when the text can be published. */
export function findForbiddenCharacter(text: string): ForbiddenCharacter | undefined {
  if (!FORBIDDEN.test(text)) return undefined;
  let index = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isForbidden(codePoint)) return { codePoint, index };
    index += char.length;
  }
  return undefined;
}

/** What an editor is told about a forbidden character: `U+0007 (a control character)`. */
export function describeForbiddenCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `${hex} (half of a broken character)`;
  if (codePoint <= 0x9f) return `${hex} (a control character)`;
  return `${hex} (a Unicode noncharacter)`;
}

/** The message for a text holding a forbidden character; undefined when it holds none. */
export function forbiddenCharacterMessage(text: string): string | undefined {
  const found = findForbiddenCharacter(text);
  if (found === undefined) return undefined;
  return `contains ${describeForbiddenCharacter(found.codePoint)}, which a web page cannot show; remove it`;
}

// Embeddings and overrides (LRE, RLE, PDF, LRO, RLO): an override shows the letters after it in
// the other direction, so "‮fdp.exe" reads as "exe.pdf". Isolates (U+2066-U+2069), the way to
// set a phrase of another direction apart, stay allowed.
const BIDI_CONTROLS = /[\u202a-\u202e]/u;

/** The message for one-line text holding a bidirectional embedding or override; else undefined. */
export function bidiControlMessage(text: string): string | undefined {
  const found = BIDI_CONTROLS.exec(text)?.[0];
  if (found === undefined) return undefined;
  const hex = `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase()}`;
  return `contains ${hex}, a control character that shows the text after it in another order than it is written (it can disguise a title or a file name); remove it`;
}

/** Decodes UTF-8 bytes, or tells on which line the first invalid byte sequence is. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { badLine: number } {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    // A line feed byte is never part of a multi-byte sequence, so lines can be tried one by one.
    let line = 1;
    let start = 0;
    for (let end = 0; end <= bytes.length; end++) {
      if (end < bytes.length && bytes[end] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        return { badLine: line };
      }
      line++;
      start = end + 1;
    }
    return { badLine: line - 1 };
  }
}

/**
 * Why a content file's text cannot be published, and on which line; undefined when it can.
 * `text` is `bytes` decoded as UTF-8, where invalid bytes become U+FFFD: only then are the bytes
 * decoded strictly, to tell a file saved as EUC-KR from a real U+FFFD.
 */
export function contentTextProblem(
  bytes: Uint8Array,
  text: string,
): { line: number; message: string } | undefined {
  if (text.includes("\uFFFD")) {
    const decoded = decodeUtf8(bytes);
    if ("badLine" in decoded) {
      return {
        line: decoded.badLine,
        message: "not UTF-8 text (saved as EUC-KR or CP949?); save the file as UTF-8",
      };
    }
  }
  const found = findForbiddenCharacter(text);
  if (found === undefined) return undefined;
  return {
    line: text.slice(0, found.index).split("\n").length,
    message: `contains ${describeForbiddenCharacter(found.codePoint)}, which a web page cannot show; remove it`,
  };
}
