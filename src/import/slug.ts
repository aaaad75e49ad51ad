/**
 * File names for imported notices: `YYYY-MM-DD-` and ASCII words, made from the title (Korean
 * romanised by the Revised Romanization, with es-hangul's pronunciation rules) or from the id in
 * the old address (`nttId=12345` -> `ntt-12345`).
 */
import { romanize } from "es-hangul";
import { slugFromTitle } from "../content/scaffold.ts";

/** How the words of a file name are made. */
export const SLUG_MODES = ["romanize", "id"] as const;

/** One of SLUG_MODES. */
export type SlugMode = (typeof SLUG_MODES)[number];

/** File-name words of a title in any script: Hangul romanised, other letters dropped. */
export function slugFromAnyTitle(title: string): string | undefined {
  let latin: string;
  try {
    latin = romanize(title.normalize("NFC"));
  } catch {
    latin = title;
  }
  // Letters romanize leaves as they are (Hanja, kana) have no ASCII form here: they are dropped.
  const ascii = latin
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{ASCII}]/gu, " ");
  return slugFromTitle(ascii);
}

// Query parameters that carry a board's article number, by the habits of Korean board software
// (eGovFrame's nttId, XE's document_srl, gnuboard's wr_id); then any parameter named like an id
// whose value is a number, the last one (board and menu ids come first in such addresses).
const ARTICLE_PARAMETER = /^(?:ntt_?id|document_srl|wr_id|article_?(?:no|id|seq))$/i;
const ID_LIKE_PARAMETER = /(?:id|no|seq|idx|srl|num)$/i;

/**
 * File-name words of an id: `12345` from a column, or the number of an old address, named after
 * its parameter (`nttId=12345` -> `ntt-12345`, `wr_id=7` -> `wr-7`, `/view/88` -> `id-88`).
 */
export function slugFromId(
  id: string | undefined,
  address: string | undefined,
): string | undefined {
  if (id !== undefined && id.trim() !== "") return words(`id ${id}`);
  if (address === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const parameters = [...url.searchParams].filter(([, value]) => /^[A-Za-z0-9_-]+$/.test(value));
  const found =
    parameters.find(([name]) => ARTICLE_PARAMETER.test(name)) ??
    parameters
      .filter(([name, value]) => ID_LIKE_PARAMETER.test(name) && /^\d+$/.test(value))
      .at(-1);
  if (found !== undefined) {
    const [name, value] = found;
    const stem = name.replace(/_?(?:id|srl)$/i, "");
    return words(`${stem === "" ? "id" : stem} ${value}`);
  }
  const last = /\/(\d+)(?:\.[a-z]+)?\/?$/i.exec(url.pathname);
  return last?.[1] === undefined ? undefined : `id-${last[1]}`;
}

/** Lower-case ASCII words joined by hyphens, camelCase split: `nttId 12` -> `ntt-id-12`. */
function words(text: string): string | undefined {
  const slug = text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "")
    .join("-");
  return slug === "" ? undefined : slug.slice(0, 60).replace(/-$/, "");
}
