/**
 * A notice body as its page shows it and search indexes it: HTML from the Markdown and, for a
 * Korean notice, the extra search terms of src/search/korean-terms.ts. On a large board this is
 * most of the work before rendering (about 3 s for 10,000 notices on one core), so the bodies
 * are prepared in worker threads, each taking a share of the notices; the result is the same
 * as preparing them one by one, since each body depends on its own notice only.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { plainText, renderMarkdown } from "./markdown.ts";
import type { Lang } from "./options.ts";
import { koreanSearchTerms } from "./search/korean-terms.ts";

/** What a body is prepared from. */
export interface BodySource {
  readonly lang: Lang;
  readonly slug: string;
  readonly title: string;
  readonly body: string;
}

/** A prepared body. */
export interface NoticeBody {
  readonly html: string;
  /** Extra search terms (parts of Korean compounds, nouns without particles); empty for English. */
  readonly searchTerms: string;
}

/** Key of a notice in a map of bodies: `ko/2018-07-23-slug`. */
export function bodyKey(notice: { readonly lang: Lang; readonly slug: string }): string {
  return `${notice.lang}/${notice.slug}`;
}

/** Prepares one body, in the calling thread. */
export function prepareNoticeBody(source: BodySource): NoticeBody {
  const html = renderMarkdown(source.body);
  return {
    html,
    searchTerms:
      source.lang === "ko" ? koreanSearchTerms(`${source.title} ${plainText(html)}`).join(" ") : "",
  };
}

// Below this many notices a thread's start (about 0.5 s: TypeScript, modules and the Korean
// dictionary) costs more than it saves; measured with npm run bench at 1,000 and 10,000.
const THREADS_FROM = 3000;
const MAX_THREADS = 4;

/**
 * Prepares every body, in `threads` worker threads (default: one a CPU, at most 4) when there
 * are enough notices to gain from it, else in this thread.
 */
export async function prepareNoticeBodies(
  sources: readonly BodySource[],
  { threads = Math.min(availableParallelism(), MAX_THREADS), minimum = THREADS_FROM } = {},
): Promise<Map<string, NoticeBody>> {
  const bodies = new Map<string, NoticeBody>();
  if (threads <= 1 || sources.length < minimum) {
    for (const source of sources) bodies.set(bodyKey(source), prepareNoticeBody(source));
    return bodies;
  }
  // Korean bodies cost several times more than English ones: deal each language out in turn.
  const shares = Array.from({ length: threads }, (): BodySource[] => []);
  let next = 0;
  for (const lang of ["ko", "en"] as const) {
    for (const source of sources) {
      if (source.lang !== lang) continue;
      shares[next % threads]?.push(source);
      next += 1;
    }
  }
  const results = await Promise.all(shares.map((share) => prepareInWorker(share)));
  shares.forEach((share, i) => {
    share.forEach((source, j) => {
      const body = results[i]?.[j];
      if (body === undefined) throw new Error(`no body prepared for ${bodyKey(source)}`);
      bodies.set(bodyKey(source), body);
    });
  });
  return bodies;
}

// tsx's loader hooks, set up with --import, do not reach worker threads
// (https://github.com/privatenumber/tsx/issues/354): the worker registers them itself, then
// loads its TypeScript module.
const WORKER_BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./notice-body-worker.ts", import.meta.url).href)}); });`;

function prepareInWorker(sources: readonly BodySource[]): Promise<NoticeBody[]> {
  if (sources.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: sources.map(({ lang, slug, title, body }) => ({ lang, slug, title, body })),
    });
    let answered = false;
    worker.once("message", (bodies: NoticeBody[]) => {
      answered = true;
      resolve(bodies);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`notice body worker stopped (exit code ${String(code)})`));
    });
  });
}
