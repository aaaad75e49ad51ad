/**
 * Path rules of the web editor, shared by the page script and its tests: which listed files are
 * a board's notices, and where an uploaded attachment goes.
 */

/** How the content folder is laid out for the editor: `{root}/{lang}/{board}/{slug}.md`. */
export interface FolderLayout {
  /** The content folder as the backend names it (`.` locally, `content` on GitHub). */
  readonly root: string;
  /** The language Decap derives file names from, whose files list the notices. */
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  /** Folders of the boards inside a language folder. */
  readonly boards: readonly string[];
}

/** Strips `./` and leading slashes, so the backend's and Decap's paths compare equal. */
function clean(path: string): string {
  return path.replace(/^(?:\.\/|\/)+/, "");
}

function segments(root: string): string[] {
  const cleaned = clean(root);
  return cleaned === "." || cleaned === "" ? [] : cleaned.split("/");
}

/** The board of a notice file in the default language (`{root}/en/{board}/x.md`), else undefined. */
export function boardOfPath(path: string, layout: FolderLayout): string | undefined {
  const parts = clean(path).split("/");
  const root = segments(layout.root);
  if (parts.length !== root.length + 3 || root.some((part, index) => parts[index] !== part)) {
    return undefined;
  }
  const [lang, board, file = ""] = parts.slice(root.length);
  if (lang !== layout.defaultLocale || board === undefined || !layout.boards.includes(board)) {
    return undefined;
  }
  return file.endsWith(".md") ? board : undefined;
}

/**
 * The uploads of one save, each placed beside every language file saved with it: Decap puts
 * them beside `{root}/{board}/x.md`, a path without the language, while Sosik reads an
 * attachment from the language's own folder (`{root}/{lang}/{board}/attachments/...`).
 */
export function localeCopies<T extends { readonly path: string }>(
  entry: {
    readonly dataFiles: readonly { readonly path: string }[];
    readonly assets: readonly T[];
  },
  layout: FolderLayout,
): T[] {
  const root = segments(layout.root);
  const langs = entry.dataFiles
    .map((file) => clean(file.path).split("/")[root.length])
    .filter((lang): lang is string => lang !== undefined && layout.locales.includes(lang));
  return entry.assets.flatMap((asset) => {
    const parts = clean(asset.path).split("/");
    const board = parts[root.length];
    if (board === undefined || !layout.boards.includes(board) || langs.length === 0) return [asset];
    return langs.map((lang) => {
      const path = [...root, lang, ...parts.slice(root.length)].join("/");
      // The upload is a class instance (Decap's AssetProxy): keep its methods.
      return Object.assign(Object.create(Object.getPrototypeOf(asset) as object) as T, asset, {
        path,
      });
    });
  });
}
