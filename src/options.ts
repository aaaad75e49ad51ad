/** Fixed settings of every Sosik site: languages, board size, time zone, folder names. */

/** A language the board is published in. */
export type Lang = "ko" | "en";

/** Every language, in the order the language switch lists them. */
export const LANGS: readonly Lang[] = Object.freeze(["ko", "en"]);

/** Type guard for a language code. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Build-wide defaults. Frozen: callers derive new objects instead of mutating these. */
export const DEFAULTS = Object.freeze({
  /** Rows per board list page, as on Korean government boards. */
  pageSize: 10,
  /** Calendar dates are Seoul dates whatever the build machine's TZ. */
  timeZone: "Asia/Seoul",
  /** Notices per language in the Atom feed. */
  feedSize: 20,
  /** Folder of a language's notices inside the content folder. */
  noticesFolder: "notices",
  /** Content folder and output folder when the command line names none. */
  contentDir: "content",
  outputDir: "_site",
});
