/**
 * The redirect map of an import: old addresses to the new notice pages, kept in
 * `_data/redirects.json` and written out as an nginx `map` and an Apache `RewriteMap` text file,
 * for the old site's server. Old addresses with a query string (`view.do?nttId=1`) can only be
 * redirected by a server: a static page cannot be chosen by its query.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors.ts";

/** The three files of the map in a content folder's `_data/`. */
export const REDIRECT_FILES = Object.freeze({
  json: "redirects.json",
  nginx: "redirects.nginx.conf",
  apache: "redirects.apache.txt",
});

/** Old address (absolute, normalised) -> new page (absolute), sorted by old address. */
export type RedirectMap = Map<string, string>;

/** The normalised form of an old address, or undefined when it is not an http(s) URL. */
export function oldAddress(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    parsed.hash = "";
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** Reads `_data/redirects.json` of a content folder; an empty map when there is none. */
export function readRedirects(dataDir: string): RedirectMap {
  const path = join(dataDir, REDIRECT_FILES.json);
  if (!existsSync(path)) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    json = undefined;
  }
  if (
    typeof json !== "object" ||
    json === null ||
    Array.isArray(json) ||
    !Object.values(json).every((value) => typeof value === "string")
  ) {
    throw new UsageError(
      `${path}: expected a JSON object of old address -> new address: repair or remove it`,
    );
  }
  return new Map(Object.entries(json as Record<string, string>));
}

/** The three files' text for a map. */
export function redirectFiles(map: RedirectMap): Record<keyof typeof REDIRECT_FILES, string> {
  const entries = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const json = `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
  const hosts = [...new Set(entries.map(([old]) => new URL(old).host))].join(", ");
  // Both servers compare the request line as the browser sent it (path and query, still
  // percent-encoded), which is what URL.href holds.
  const requests = entries.map(([old, target]) => {
    const url = new URL(old);
    return [`${url.pathname}${url.search}`, target] as const;
  });
  const nginx = [
    `# Old addresses of ${hosts || "the old board"} -> new notice pages, made by npm run import.`,
    "# In http {}: include this file. In the old site's server {}:",
    "#   if ($sosik_redirect) { return 301 $sosik_redirect; }",
    "map $request_uri $sosik_redirect {",
    '    default "";',
    ...requests.map(
      ([request, target]) => `    "${nginxString(request)}" "${nginxString(target)}";`,
    ),
    "}",
    "",
  ].join("\n");
  const apache = [
    `# Old addresses of ${hosts || "the old board"} -> new notice pages, made by npm run import.`,
    '# RewriteMap sosik "txt:/path/to/redirects.apache.txt"',
    '# RewriteCond "%{THE_REQUEST}" "^\\S+\\s+(\\S+)"',
    '# RewriteCond "${sosik:%1}" "^(.+)$"',
    '# RewriteRule "^" "%1" [R=301,L,QSD]',
    ...requests.map(([request, target]) => `${request} ${target}`),
    "",
  ].join("\n");
  return { json, nginx, apache };
}

/** Writes the map's files into `dataDir`, each only when its text changed. */
export function writeRedirects(dataDir: string, map: RedirectMap): string[] {
  const texts = redirectFiles(map);
  const written: string[] = [];
  for (const key of Object.keys(REDIRECT_FILES) as (keyof typeof REDIRECT_FILES)[]) {
    const path = join(dataDir, REDIRECT_FILES[key]);
    const text = texts[key];
    if (existsSync(path) && readFileSync(path, "utf8") === text) continue;
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

/** An nginx double-quoted string (map keys are literal; the new pages hold no variable). */
function nginxString(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`);
}
