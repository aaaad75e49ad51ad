import type { SiteSettings } from "../content/schema.ts";

/**
 * The public absolute URL of a site path (`/en/notices/` ->
 * `https://example.go.kr/repo-name/en/notices/`), for canonical links, Open Graph, feeds and the
 * sitemap: places where Eleventy's HTML base plugin does not add the path prefix.
 */
export function siteUrl(path: string, site: Pick<SiteSettings, "baseUrl" | "pathPrefix">): string {
  const prefix = site.pathPrefix.replace(/\/+$/, "");
  return `${site.baseUrl}${prefix}/${path.replace(/^\/+/, "")}`;
}
