/**
 * The web editor in the output's /admin/: Decap CMS's own bundle copied from node_modules (no
 * other origin is allowed by the site's CSP, and none may be needed), the page script bundled
 * from src/editor/browser.ts, and the configuration generated from the schema and data files.
 * The page itself is layouts/pages/admin.njk. Written in the preview, and in a build only when
 * `_data/site.json` turns `editor.publish` on.
 */
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { bundleForBrowser } from "../plugins/assets.ts";
import type { BuildState } from "../plugins/build-state.ts";
import type { SiteData } from "../site-data.ts";
import { editorConfig } from "./config.ts";
import type { EditorBackend } from "./config.ts";
import type { FolderLayout } from "./paths.ts";

/** The folder of the editor below the output folder. */
export const ADMIN_FOLDER = "admin";

const BROWSER_SCRIPT = fileURLToPath(new URL("./browser.ts", import.meta.url));

/** Decap's bundle folder: `decap-cms.js` and the chunks it loads from beside itself. */
export function decapDistFolder(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("decap-cms/dist/decap-cms.js"));
}

/** True when this build writes /admin/: always in the preview, else when site.json says so. */
export function editorEnabled(siteData: Pick<SiteData, "site" | "preview">): boolean {
  return siteData.preview || siteData.site.editor.publish;
}

/** The backend of this build: the local one in the preview, GitHub when published. */
export function editorBackend(
  siteData: Pick<SiteData, "site" | "preview">,
  localUrl: string | undefined,
): EditorBackend | undefined {
  if (siteData.preview)
    return localUrl === undefined ? undefined : { name: "local", url: localUrl };
  const backend = siteData.site.editor.backend;
  return backend === undefined
    ? undefined
    : {
        name: "github",
        repo: backend.repo,
        branch: backend.branch,
        baseUrl: backend.baseUrl,
        contentPath: backend.contentPath,
      };
}

/** The page script as one minified classic script (it must run before Decap's bundle). */
function bundleAdminScript(): Promise<Uint8Array> {
  return bundleForBrowser(BROWSER_SCRIPT, { format: "iife" });
}

/** The `eleventy.after` argument, as far as the editor reads it. */
interface AfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: string;
}

/** Writes /admin/'s scripts and configuration into `output` for this site. */
export async function writeEditor(
  output: string,
  siteData: SiteData,
  localUrl: string | undefined,
): Promise<void> {
  const backend = editorBackend(siteData, localUrl);
  if (backend === undefined) return;
  const folder = join(output, ADMIN_FOLDER);
  await mkdir(folder, { recursive: true });
  const dist = decapDistFolder();
  // decap-cms.js and its lazily loaded chunks (`123.decap-cms.js`); the source maps and the
  // second copy of each file under the older name (`cms.js`) are left out.
  const files = (await readdir(dist)).filter((name) => /^(?:\d+\.)?decap-cms\.js$/.test(name));
  await Promise.all(files.map((name) => copyFile(join(dist, name), join(folder, name))));
  await writeFile(join(folder, "sosik-admin.js"), await bundleAdminScript());
  // One collection a board of _data/boards.json, named in both languages.
  const boards = siteData.board.boards.en.map((view, index) => ({
    id: view.id,
    folder: view.id,
    names: { ko: siteData.board.boards.ko[index]?.name ?? view.name, en: view.name },
  }));
  const config = editorConfig({
    ministries: siteData.ministries,
    departments: siteData.departments,
    boards,
    backend,
  });
  const layout: FolderLayout = {
    root: backend.name === "local" ? "." : backend.contentPath,
    defaultLocale: "en",
    locales: ["en", "ko"],
    boards: boards.map((board) => board.folder),
  };
  await writeFile(join(folder, "config.json"), `${JSON.stringify({ config, layout }, null, 2)}\n`);
}

/** Eleventy plugin: the editor's files after each build that publishes /admin/. */
export function editorPlugin(eleventyConfig: UserConfig, state: BuildState): void {
  // What layouts/pages/admin.njk needs beyond the site data: the local backend's origin, which
  // its CSP lets the page connect to.
  const localUrl = state.options.editorBackendUrl;
  eleventyConfig.addNunjucksGlobal(
    "editorConnect",
    localUrl === undefined ? "" : new URL(localUrl).origin,
  );
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: AfterEvent) => {
    const siteData = state.siteData;
    if (outputMode !== "fs" || siteData === undefined || !editorEnabled(siteData)) return;
    await writeEditor(directories.output, siteData, localUrl);
  });
}
