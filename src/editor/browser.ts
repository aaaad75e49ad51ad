/**
 * The admin page's script (bundled by esbuild into /admin/sosik-admin.js). Loaded before
 * Decap CMS's bundle, it stops Decap from starting on its own; once the page is parsed it wraps
 * the backends so that boards follow Sosik's folders, then starts Decap with the configuration
 * generated at build time (/admin/config.json).
 */
import { boardOfPath, localeCopies, type FolderLayout } from "./paths.ts";

/** The parts of Decap's global `CMS` used here (decap-cms-core/src/lib/registry.js). */
interface DecapGlobal {
  getBackend(name: string): { init: (...args: unknown[]) => object } | undefined;
  registerBackend(name: string, backend: new (...args: unknown[]) => object): void;
  init(options: { config: Record<string, unknown> }): void;
}

/** An entry as a backend lists it. */
interface ListedEntry {
  readonly file: { readonly path: string };
}

/** What persistEntry is given: the language files and the uploaded files. */
interface PersistedEntry {
  readonly dataFiles: readonly { readonly path: string }[];
  readonly assets: readonly { readonly path: string }[];
}

declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS?: DecapGlobal;
  }
}

window.CMS_MANUAL_INIT = true;

/**
 * A backend that lists each notice once, by its English file (Decap reads the language from
 * the folder just above a file, which in Sosik is the board), and writes an uploaded
 * attachment beside each language's file instead of beside the path Decap derives.
 */
function sosikBackend(base: { init: (...args: unknown[]) => object }, layout: FolderLayout) {
  return function SosikBackend(...args: unknown[]): object {
    const implementation = base.init(...args) as Record<string, unknown>;
    return new Proxy(implementation, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => unknown;
        if (property === "entriesByFolder" || property === "allEntriesByFolder") {
          return async (...call: unknown[]) => {
            const entries = (await method.apply(target, call)) as ListedEntry[];
            return entries.filter((entry) => boardOfPath(entry.file.path, layout) !== undefined);
          };
        }
        if (property === "persistEntry") {
          return (entry: PersistedEntry, ...rest: unknown[]) =>
            method.call(target, { ...entry, assets: localeCopies(entry, layout) }, ...rest);
        }
        return method.bind(target);
      },
    });
  } as unknown as new (...args: unknown[]) => object;
}

async function start(): Promise<void> {
  const cms = window.CMS;
  if (cms === undefined) throw new Error("Decap CMS did not load");
  const response = await fetch(new URL("config.json", document.baseURI));
  const { config, layout } = (await response.json()) as {
    config: Record<string, unknown> & { backend: { name: string } };
    layout: FolderLayout;
  };
  const base = cms.getBackend(config.backend.name);
  if (base === undefined) throw new Error(`Decap CMS has no ${config.backend.name} backend`);
  const name = `sosik-${config.backend.name}`;
  cms.registerBackend(name, sosikBackend(base, layout));
  cms.init({ config: { ...config, backend: { ...config.backend, name } } });
}

document.addEventListener("DOMContentLoaded", () => {
  start().catch((error: unknown) => {
    document.body.textContent = `The editor could not start: ${error instanceof Error ? error.message : String(error)}`;
  });
});
