/**
 * Options of one build, handed from the command line to the Sosik plugin as its options
 * (src/build-site.ts -> .eleventy.ts -> src/plugins/sosik.ts), and the build's "now".
 */
import type { LoadedContent, NoticeParseCache } from "../content/load.ts";
import type { NoticeBody } from "../notice-body.ts";
import type { RecordedPage, RenderRecord } from "../output/render-cache.ts";
import type { IndexedPage } from "../search/shards.ts";

/** What the command line decided for this build. */
export interface BuildOptions {
  /** Absolute path of the content folder. */
  readonly contentDir: string;
  /** Overrides `_data/site.json`'s baseUrl. */
  readonly baseUrl?: string;
  /** Overrides `_data/site.json`'s pathPrefix. */
  readonly pathPrefix?: string;
  /** The dev server: drafts and future notices shown and marked. */
  readonly preview: boolean;
  /** The instant the build counts as now. */
  readonly now: number;
  /** The output of the previous build, whose unchanged search shards can be kept. */
  readonly previousOutput?: string;
  /** Most pages in one search shard (default SHARD_PAGES, by language). */
  readonly shardPages?: number;
  /** Pagefind processes run at once; each holds one shard in memory. */
  readonly indexJobs?: number;
  /**
   * False: this Eleventy instance writes no search index. A production build indexes after
   * Eleventy is done (src/build-site.ts); `--render-only` writes none at all.
   */
  readonly searchIndex?: boolean;
  /** Told what indexing did, for the command line's summary. */
  readonly onIndexed?: (report: {
    pages: number;
    shards: number;
    reused: number;
    repaired: number;
  }) => void;
  /** Told which notice pages were written (src/plugins/notice-pages.ts), for the summary. */
  readonly onNoticePages?: (
    pages: readonly IndexedPage[],
    /** SHA-256 of each notice page written, by output path (production builds only). */
    files: ReadonlyMap<string, string>,
  ) => void;
  /** Told as rendering and indexing advance, for the command line's progress line. */
  readonly progress?: BuildProgress;
  /** The web editor's local backend (decap-server) that the preview's /admin/ writes through. */
  readonly editorBackendUrl?: string;
  /** Content read ahead by the command line, used for the first build instead of reading again. */
  readonly preloaded?: LoadedContent;
  /** Parsed notice files of the preloaded content, for the preview's reloads (see loadContent). */
  readonly parseCache?: NoticeParseCache;
  /** Bodies of the preloaded notices, being prepared while Eleventy starts (prepareNoticeBodies). */
  readonly preparedBodies?: Promise<ReadonlyMap<string, NoticeBody>>;
  /** A production build that records its pages, and keeps those unchanged since `previous`. */
  readonly warm?: WarmBuild;
}

/** A production build's part in warm publishing (src/output/render-cache.ts). */
export interface WarmBuild {
  /** Digest of Sosik's code and templates (codeVersion), part of every page's signature. */
  readonly code: string;
  /** The version this build replaces, and what it recorded; absent for a cold build. */
  readonly previous?: { readonly site: string; readonly record: RenderRecord };
  /** Told which pages are drawn from what, and which are kept rather than rendered. */
  readonly planned: (plan: RenderPlan) => void;
}

/** What a production build renders and what it keeps from the previous version. */
export interface RenderPlan {
  /** Every notice page and list page's signature, by output path. */
  readonly signatures: ReadonlyMap<string, string>;
  /** Pages kept from the previous version, by output path. */
  readonly kept: ReadonlyMap<string, RecordedPage>;
  /** Every notice page's URL, in the board's order. */
  readonly noticeUrls: readonly string[];
}

/** A step of a build, as progress reports name it. */
export type BuildStep = "validating" | "rendering" | "indexing";

/** Receives a build's progress: a step starts (with its item count when known), items get done. */
export interface BuildProgress {
  readonly started: (step: BuildStep, total?: number) => void;
  readonly advanced: (count?: number) => void;
}

/** Now, or `SOURCE_DATE_EPOCH` (seconds) when set, so a build can be repeated exactly. */
export function buildInstant(env: NodeJS.ProcessEnv = process.env): number {
  const epoch = env["SOURCE_DATE_EPOCH"];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return Number(epoch) * 1000;
  return Date.now();
}
