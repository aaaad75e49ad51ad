/**
 * The data part of the Sosik plugin: reads the content folder on every build, hands the
 * validated board to the templates as the global `sosik` (src/site-data.ts) and to the rest
 * of the build through its state; copies attachments next to their notices.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { loadContent } from "../content/load.ts";
import type { NoticeParseCache } from "../content/load.ts";
import { copyNoticePhotos } from "../images/copy.ts";
import { prepareChangedBodies } from "../preview/body-cache.ts";
import type { BodyCache } from "../preview/body-cache.ts";
import { keptPages } from "../output/render-cache.ts";
import {
  changedPages,
  isContentInput,
  outputFile,
  pageSignatures,
  renderSignatures,
} from "../preview/render-set.ts";
import type { RenderedSignatures } from "../preview/render-set.ts";
import { siteDataFrom } from "../site-data.ts";
import type { SiteData } from "../site-data.ts";
import { identityFileUrl, noticeOutputFolder } from "../urls.ts";
import type { RecordedPage } from "../output/render-cache.ts";
import type { WarmBuild } from "./build-options.ts";
import type { BuildState } from "./build-state.ts";

/**
 * Eleventy plugin: global `sosik` data, content watching and attachment copying. In the
 * preview, a rebuild after a change in the content folder renders only the notice and list
 * pages whose data changed (src/preview/render-set.ts); a change to site settings, ministries
 * or anything outside the content folder renders all.
 */
export function siteDataPlugin(eleventyConfig: UserConfig, state: BuildState): void {
  const { options } = state;
  let preloaded = options.preloaded;
  let preparedBodies = options.preparedBodies;
  /** Files changed since the last build, as the watcher reported them; undefined: a first build. */
  let changedFiles: readonly string[] | undefined;
  /** What the last successful build rendered, for the next rebuild to compare with. */
  let rendered: RenderedSignatures | undefined;
  /** What this build renders, taken as rendered once the build has written it. */
  let rendering: RenderedSignatures | undefined;
  const bodyCache: BodyCache = new Map();
  const parseCache: NoticeParseCache = options.parseCache ?? (new Map() as NoticeParseCache);

  eleventyConfig.addWatchTarget(options.contentDir);
  eleventyConfig.on("eleventy.beforeWatch", (files: readonly string[]) => {
    changedFiles = files;
  });

  eleventyConfig.addGlobalData("sosik", async () => {
    const content = preloaded ?? loadContent(options.contentDir, { cache: parseCache });
    const prepared = preloaded ? preparedBodies : undefined;
    preloaded = undefined;
    preparedBodies = undefined;
    // Invalid content throws in siteDataFrom before any body is prepared.
    const valid = content.issues.every((issue) => issue.severity !== "error");
    const bodies = valid
      ? await (prepared ?? prepareChangedBodies(content.notices, bodyCache))
      : undefined;
    const full = siteDataFrom(content, options, bodies);
    // Only the preview renders again into the same folder; a build for publishing renders all.
    const signatures = options.preview ? renderSignatures(full) : undefined;
    const onlyContent =
      options.preview &&
      changedFiles !== undefined &&
      changedFiles.every((file) => isContentInput(options.contentDir, file));
    const current: SiteData =
      onlyContent && signatures && rendered && rendered.global === signatures.global
        ? Object.freeze({ ...full, render: changedPages(full.board, signatures, rendered) })
        : full;
    rendering = signatures;
    changedFiles = undefined;
    state.siteData = options.warm ? keepingUnchanged(full, options.warm) : current;
    return state.siteData;
  });

  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: EleventyAfterEvent) => {
    const current = state.siteData;
    if (outputMode !== "fs" || !current) return;
    rendered = rendering;
    // The operator's logo and sharing image (_data/identity.json), at their content paths.
    for (const file of [current.identity.logo?.file, current.identity.ogImage?.file]) {
      if (file === undefined) continue;
      const target = join(directories.output, identityFileUrl(file));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(options.contentDir, "_data", file), target);
    }
    // A production build copies every notice's files: a page kept from the previous version
    // is linked into the new one, but its attachments are copied from the content as it is now.
    const notices = options.preview ? current.render.notices : current.board.notices;
    for (const notice of notices) {
      if (notice.attachments.length === 0) continue;
      const folder = join(
        directories.output,
        noticeOutputFolder(notice.lang, notice.board.segment, notice.slug),
      );
      await mkdir(folder, { recursive: true });
      for (const attachment of notice.attachments) {
        await copyFile(attachment.sourcePath, join(folder, attachment.fileName));
      }
    }
    await copyNoticePhotos(directories.output, notices);
  });
}

/**
 * A production build over a previous version (warm publish): the notice and list pages whose
 * signature is unchanged and whose file the previous version still holds as written are left
 * out of the render set, for the build to link them (src/render-site.ts).
 */
function keepingUnchanged(full: SiteData, warm: WarmBuild): SiteData {
  const signatures = pageSignatures(full, renderSignatures(full), warm.code);
  const kept = warm.previous
    ? keptPages(warm.previous.site, warm.previous.record, signatures)
    : new Map<string, RecordedPage>();
  warm.planned({
    signatures,
    kept,
    noticeUrls: full.board.notices.map((notice) => notice.url),
  });
  const rendered = (url: string) => !kept.has(outputFile(url));
  return Object.freeze({
    ...full,
    render: {
      notices: full.board.notices.filter((notice) => rendered(notice.url)),
      pages: full.board.pages.filter((page) => rendered(page.url)),
    },
  });
}

/** The part of Eleventy's `eleventy.after` event argument that Sosik reads. */
export interface EleventyAfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
}
