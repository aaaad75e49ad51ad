/**
 * The text of an export file. UTF-8 (with or without a byte order mark) is read as it is;
 * anything else is read as CP949, the superset of EUC-KR that Korean Windows and Excel write,
 * when it decodes cleanly as that, and refused otherwise. A feed's XML declaration names its
 * encoding, which is then used instead of a guess.
 */
import iconv from "iconv-lite";

/** How to read the bytes: guessed, or as the operator says. */
export const ENCODINGS = ["auto", "utf-8", "cp949"] as const;

/** One of ENCODINGS. */
export type EncodingChoice = (typeof ENCODINGS)[number];

/** Decoded text and the encoding it was read in. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: string;
}

const KOREAN_NAMES = /^(?:euc-?kr|cp949|ks_c_5601-1987|x-windows-949|windows-949|uhc|ksc5601)$/i;

/** Reads export bytes as text, or says why they cannot be read (for a one-line refusal). */
export function decodeExport(
  bytes: Uint8Array,
  choice: EncodingChoice,
): DecodedText | { readonly problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: "the file is UTF-16 text: save it as UTF-8 (CSV UTF-8 in Excel)" };
  }
  const declared = /^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']/.exec(
    Buffer.from(bytes.subarray(0, 200)).toString("latin1"),
  )?.[1];
  const wanted =
    choice !== "auto"
      ? choice
      : declared !== undefined && KOREAN_NAMES.test(declared)
        ? "cp949"
        : undefined;
  const utf8 = wanted === "cp949" ? undefined : strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  if (wanted === "utf-8") {
    return { problem: "not UTF-8 text: try --encoding cp949 (EUC-KR)" };
  }
  const korean = iconv.decode(Buffer.from(bytes), "cp949");
  if (korean.includes("\uFFFD")) {
    return {
      problem:
        wanted === "cp949"
          ? "not CP949 (EUC-KR) text either: save the export as UTF-8"
          : "neither UTF-8 nor CP949 (EUC-KR) text: save the export as UTF-8",
    };
  }
  return { text: korean, encoding: "cp949" };
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
