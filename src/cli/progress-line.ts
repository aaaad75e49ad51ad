/**
 * Progress of long work on a terminal: one status line rewritten in place while a step runs,
 * and one line left behind per finished step. When the output is not a terminal (CI, pipes,
 * tests) it prints nothing, so logs hold only the command's summary.
 */
import type { BuildProgress, BuildStep } from "../plugins/build-options.ts";

/** A progress reporter the command can close before printing its summary. */
export interface Progress extends BuildProgress {
  /** Finishes the running step; call before printing the summary or an error. */
  readonly close: () => void;
}

/** The stream a reporter writes to: stderr, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): boolean;
}

const WORDS: Readonly<
  Record<BuildStep, { readonly running: string; readonly done: string; readonly unit: string }>
> = {
  validating: { running: "validating", done: "validated", unit: "notices" },
  rendering: { running: "rendering", done: "rendered", unit: "pages" },
  indexing: { running: "indexing search", done: "indexed search", unit: "shards" },
};

// Redrawing more often than this only costs time; the eye does not see it.
const REDRAW_MS = 100;
const CLEAR_LINE = "\r\u001b[2K";

const grouped = new Intl.NumberFormat("en-US");

/** A reporter drawing on `stream`, or undefined when it is no terminal (nothing to draw). */
export function terminalProgress(
  stream: ProgressStream = process.stderr,
  clock: () => number = () => performance.now(),
): Progress | undefined {
  if (stream.isTTY !== true) return undefined;

  let step: { name: BuildStep; total?: number; done: number; since: number } | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setInterval> | undefined;

  const describe = (finished: boolean): string => {
    if (!step) return "";
    const words = WORDS[step.name];
    const seconds = `${((clock() - step.since) / 1000).toFixed(1)} s`;
    const count =
      step.total === undefined || finished
        ? grouped.format(step.done)
        : `${grouped.format(step.done)} / ${grouped.format(step.total)}`;
    const counted = step.done > 0 || step.total !== undefined ? ` ${count} ${words.unit}` : "";
    return finished
      ? `${words.done}${counted} in ${seconds}`
      : `${words.running}${counted} · ${seconds}`;
  };
  const draw = () => {
    drawnAt = clock();
    const line = describe(false);
    // A line wider than the terminal would wrap, and \r would then redraw only its end.
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    stream.write(`${CLEAR_LINE}${line.slice(0, columns - 1)}`);
  };
  const finish = () => {
    if (!step) return;
    stream.write(`${CLEAR_LINE}${describe(true)}\n`);
    step = undefined;
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  return {
    started(name, total) {
      // Announcing the running step again only tells its total, now known.
      if (step?.name === name) {
        if (total !== undefined) step.total = total;
        draw();
        return;
      }
      finish();
      step = { name, done: 0, since: clock(), ...(total === undefined ? {} : { total }) };
      draw();
      // Keeps the elapsed time moving while a step reports no counts (indexing).
      timer = setInterval(draw, REDRAW_MS * 5);
      timer.unref();
    },
    advanced(count = 1) {
      if (!step) return;
      step.done += count;
      if (clock() - drawnAt >= REDRAW_MS) draw();
    },
    close: finish,
  };
}
