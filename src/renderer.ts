/**
 * The renderer of a production build, in a process of its own: it reads and validates the
 * content, then renders it with Eleventy into the staging folder the build hands it, and
 * exits. The build indexes the pages once it has exited, so Pagefind never runs beside the
 * renderer's memory. V8 keeps the heap a render grew to (about 640 MiB at 10,000 notices, even
 * after a forced collection) until its process ends.
 *
 * The two processes speak over Node's IPC channel: progress as it happens, then "valid" (or the
 * content errors), then, once the build has made the staging folder, "rendered" with the notice
 * pages' digests. A renderer whose build process dies exits at once. This module is the build
 * process's side; src/render-site.ts is the renderer's.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ContentError } from "./content/errors.ts";
import type { ContentIssue } from "./content/errors.ts";
import { EnvironmentError, SosikError, StepError, UsageError } from "./errors.ts";
import type { ExitCode } from "./errors.ts";
import type { BuildProgress, BuildStep } from "./plugins/build-options.ts";
import type { IndexedPage } from "./search/shards.ts";

/** What the renderer is asked to render. */
export interface RenderRequest {
  readonly contentDir: string;
  readonly now: number;
  readonly baseUrl?: string;
  readonly pathPrefix?: string;
  /** The published version this build replaces, whose unchanged pages it may keep. */
  readonly previous?: string;
}

/** What a render did: the pages written, and what indexing and the summary need. */
export interface RenderReport {
  readonly pages: number;
  /** Of those, pages kept from the previous version rather than rendered again. */
  readonly kept: number;
  readonly noticePages: readonly IndexedPage[];
  readonly notices: number;
  readonly warnings: readonly ContentIssue[];
}

/** A renderer process, started with the content to read. */
export interface Renderer {
  /** Resolves once the content is valid; rejects with the content errors (or another failure). */
  readonly validated: Promise<void>;
  /** Renders into `staging` and resolves once the renderer has exited. */
  render(staging: string, recycled?: readonly string[]): Promise<RenderReport>;
  /** Ends the renderer if it still runs (a failed build); resolves once it has gone. */
  stop(): Promise<void>;
}

/** A failure as it crosses from the renderer to the build: the error family, by name. */
export type SentError =
  | { readonly kind: "content"; readonly issues: readonly ContentIssue[] }
  | { readonly kind: "environment"; readonly message: string; readonly path: string }
  | { readonly kind: "step" | "usage"; readonly message: string }
  | { readonly kind: "sosik"; readonly message: string; readonly exitCode: ExitCode }
  | { readonly kind: "bug"; readonly message: string };

export type ToRenderer =
  | { readonly type: "start"; readonly request: RenderRequest; readonly progress: boolean }
  | {
      readonly type: "render";
      readonly staging: string;
      /** The pages a taken-over retired version left in `staging` (src/output/publish.ts). */
      readonly recycled?: readonly string[];
    };

export type FromRenderer =
  | { readonly type: "started"; readonly step: BuildStep; readonly total?: number }
  | { readonly type: "advanced"; readonly count: number }
  | { readonly type: "valid" }
  | { readonly type: "rendered"; readonly report: RenderReport }
  | { readonly type: "failed"; readonly error: SentError };

const CHILD = fileURLToPath(new URL("./renderer-child.ts", import.meta.url));

/** The renderer ran out of the heap it was given: V8 stopped it. */
export class RendererOutOfMemory extends StepError {
  /** The limit it had, in MiB (undefined: Node's own). */
  readonly limitMb: number | undefined;

  constructor(limitMb: number | undefined) {
    super(
      `rendering ran out of memory (${limitMb === undefined ? "Node's own heap limit" : `a heap limit of ${String(limitMb)} MiB`}): give it more with NODE_OPTIONS=--max-old-space-size=<MiB>, or build on a machine with more memory`,
    );
    this.name = "RendererOutOfMemory";
    this.limitMb = limitMb;
  }
}

// How V8 begins and words its report of a heap that ran out (then it aborts the process).
const V8_REPORT_START = /\n?<--- Last few GCs --->|\n?FATAL ERROR: /;
const OUT_OF_MEMORY = /JavaScript heap out of memory|Reached heap limit/;

/**
 * Starts a renderer process for `request`. Progress it reports reaches `progress`. It runs with
 * this process's Node options (the TypeScript loader among them) and, with `heapLimitMb`, that
 * heap limit.
 */
export function startRenderer(
  request: RenderRequest,
  progress?: BuildProgress,
  { heapLimitMb }: { heapLimitMb?: number } = {},
): Renderer {
  const child = fork(CHILD, [], {
    // The TypeScript loader, by its own path (the working directory may be anywhere), and
    // this process's memory limits; not its other options (a test runner's, for one).
    execArgv: [
      "--import",
      import.meta.resolve("tsx"),
      ...process.execArgv.filter((option) => /^--(max-old-space-size|stack-size)=/.test(option)),
      ...(heapLimitMb === undefined ? [] : [`--max-old-space-size=${String(heapLimitMb)}`]),
    ],
    stdio: ["ignore", "inherit", "pipe", "ipc"],
    serialization: "advanced",
  });
  // What the renderer writes to stderr is passed on as it comes, except V8's report of a heap
  // that ran out: held back, and dropped if it is one, for the build's own message instead.
  let held = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (held === "") {
      const start = V8_REPORT_START.exec(chunk);
      if (!start) {
        process.stderr.write(chunk);
        return;
      }
      process.stderr.write(chunk.slice(0, start.index));
      held = chunk.slice(start.index);
    } else held += chunk;
  });
  const send = (message: ToRenderer) => {
    // A renderer killed just as it is sent a message (EPIPE) is reported by its exit, which
    // says how it ended; without the callback the failed write would be the error shown.
    if (child.connected) child.send(message, () => undefined);
  };
  let onValid: (() => void) | undefined;
  let onRendered: ((report: RenderReport) => void) | undefined;
  let failed: (error: Error) => void = () => undefined;
  let report: RenderReport | undefined;
  let failure: Error | undefined;

  const exited = new Promise<void>((resolveExit) => {
    // "close" comes once stderr is read to its end, so a report of V8's is whole.
    child.once("close", (code, signal) => {
      const outOfMemory = OUT_OF_MEMORY.test(held);
      if (!outOfMemory) process.stderr.write(held);
      if (outOfMemory && !report) {
        failure = new RendererOutOfMemory(heapLimitMb ?? userHeapLimit());
        failed(failure);
      } else if (!report && failure === undefined) {
        // Killed from outside: the kernel's out-of-memory killer sends SIGKILL.
        const how =
          signal === "SIGKILL"
            ? "it was killed (SIGKILL; the machine may have run out of memory)"
            : signal
              ? `it was stopped by ${signal}`
              : `it exited with code ${String(code)}`;
        failure = new StepError(`rendering stopped before it finished: ${how}`);
        failed(failure);
      }
      resolveExit();
    });
  });
  child.on("message", (message: FromRenderer) => {
    if (message.type === "started") progress?.started(message.step, message.total);
    else if (message.type === "advanced") progress?.advanced(message.count);
    else if (message.type === "valid") onValid?.();
    else if (message.type === "rendered") {
      report = message.report;
      onRendered?.(message.report);
    } else {
      failure = receivedError(message.error);
      failed(failure);
    }
  });
  child.once("error", (error) => {
    failure = error;
    failed(error);
  });

  const validated = new Promise<void>((resolveValid, reject) => {
    onValid = resolveValid;
    failed = reject;
  });
  // A build that fails before it awaits must not leave the rejection unhandled.
  validated.catch(() => undefined);
  send({ type: "start", request, progress: progress !== undefined });

  return {
    validated,
    async render(staging, recycled) {
      await validated;
      const rendered = new Promise<RenderReport>((resolveRendered, reject) => {
        if (failure !== undefined) reject(failure);
        onRendered = resolveRendered;
        failed = reject;
      });
      rendered.catch(() => undefined);
      send(recycled ? { type: "render", staging, recycled } : { type: "render", staging });
      const result = await rendered;
      // Its memory is given back only when it has gone.
      await exited;
      return result;
    },
    async stop() {
      // A process that never started (fork failed) has no exit to wait for.
      if (child.pid === undefined) return;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The heap limit given to Node in its options or NODE_OPTIONS, in MiB; undefined if none. */
export function userHeapLimit(): number | undefined {
  const options = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)];
  for (const option of options.reverse()) {
    const match = /^--max-old-space-size=(\d+)$/.exec(option);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function receivedError(error: SentError): Error {
  switch (error.kind) {
    case "content":
      return new ContentError(error.issues);
    case "environment":
      return new EnvironmentError(error.message, error.path);
    case "step":
      return new StepError(error.message);
    case "usage":
      return new UsageError(error.message);
    case "sosik":
      return new SosikError(error.message, error.exitCode);
    case "bug":
      return new Error(`the renderer failed: ${error.message}`);
  }
}
