/**
 * What the parts of one build share. The Sosik plugin makes one BuildState per Eleventy
 * instance and hands it to each part it registers; nothing about a build is kept anywhere else.
 */
import type { IndexedPage } from "../search/shards.ts";
import type { SiteData } from "../site-data.ts";
import type { BuildOptions } from "./build-options.ts";

/** One build's options, and the site data once the data part has made it from the content. */
export interface BuildState {
  readonly options: BuildOptions;
  /** The site data of the latest build of this instance (the preview builds many times). */
  siteData: SiteData | undefined;
  /** The notice pages the latest build is writing (src/plugins/notice-pages.ts). */
  noticePages: Promise<readonly IndexedPage[]> | undefined;
}

/** A new state for a build with these options. */
export function createBuildState(options: BuildOptions): BuildState {
  return { options, siteData: undefined, noticePages: undefined };
}
