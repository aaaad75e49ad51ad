/** Resolves internal links of a built site to files, as a static host would serve them. */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** The file a site-absolute URL path would be served from, or undefined when none exists. */
export function fileForUrl(output: string, url: string, pathPrefix = "/"): string | undefined {
  const withoutQuery = url.split(/[?#]/)[0] ?? "";
  if (!withoutQuery.startsWith(pathPrefix)) return undefined;
  const path = decodeURIComponent(withoutQuery.slice(pathPrefix.length - 1));
  const file = join(output, path);
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, "index.html");
  return existsSync(index) ? index : undefined;
}
