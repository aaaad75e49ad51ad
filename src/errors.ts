/**
 * Sosik's one error family. Each error carries the exit code of the command contract, so the
 * command line maps an error to its code by class (see `src/cli/run.ts`), never by a name.
 * The content issues themselves (file, line, key) are described in `src/content/errors.ts`.
 */

import { constants } from "node:os";

/** Exit codes of the command contract (README, "Commands"). */
export const EXIT = Object.freeze({
  ok: 0,
  /** Invalid content: every issue is listed. */
  content: 1,
  /** Wrong use of a command, or an output folder Sosik refuses to write. */
  usage: 2,
  /** A build step failed (search indexing). */
  failed: 3,
  /** The environment: a read-only or full disk, missing permissions, a vanished folder. */
  environment: 4,
  /** Anything else: a bug, printed with its stack. */
  bug: 5,
});

/** An exit code of the command contract. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The base of Sosik's errors: a message a reader can act on, and the exit code it means. */
export class SosikError extends Error {
  /** The command's exit code when this error ends it. */
  readonly exitCode: ExitCode;
  /**
   * Read by Eleventy's error printer (the dev server's rebuilds): the message is the whole
   * story, and a stack trace would only bury it.
   */
  readonly skipOriginalStack = true;

  constructor(message: string, exitCode: ExitCode, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Wrong use of a command: printed with its usage line, exit 2. */
export class UsageError extends SosikError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.usage, options);
  }
}

/** A build step that failed (search indexing): the previous site stays published, exit 3. */
export class StepError extends SosikError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, EXIT.failed, options);
  }
}

/**
 * The machine, not the content: a read-only or full disk, missing permissions, a folder that
 * vanished. The message names the path and the cause; exit 4.
 */
export class EnvironmentError extends SosikError {
  /** The path the operation failed on. */
  readonly path: string;

  constructor(message: string, path: string, options?: ErrorOptions) {
    super(message, EXIT.environment, options);
    this.path = path;
  }
}

/** Node's error codes that say the environment failed, with the words a reader needs. */
const ENVIRONMENT_CAUSES: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EIO: "an input/output error of the device",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "the file or folder is busy",
  ENOENT: "it does not exist (it may have been removed while the build ran)",
  ENOTDIR: "a part of the path is not a folder",
  EEXIST: "something else is already there",
};

/** Codes that say the device written to cannot take more (or any) writes. */
const FULL_DEVICE: ReadonlySet<string> = new Set(["ENOSPC", "EDQUOT", "EROFS"]);

/** A Node system error (`fs`, `child_process`) as thrown: code, path and syscall. */
interface SystemError extends Error {
  readonly code: string;
  readonly path?: string;
  /** The second file of a copy, link or rename. */
  readonly dest?: string;
  readonly syscall?: string;
}

/**
 * The system error a program's own message reports, by number (`os error 28`, as Rust's
 * standard library writes it), as a Node system error about `path`; undefined when its message
 * names none of the environment's failures.
 */
export function reportedSystemError(message: string, path: string): Error | undefined {
  const number = Number(
    /\bos error (\d+)\b|\bcode: (\d+), kind:/.exec(message)?.slice(1).find(Boolean),
  );
  const code = Object.entries(constants.errno).find(([, value]) => value === number)?.[0];
  if (code === undefined || ENVIRONMENT_CAUSES[code] === undefined) return undefined;
  return Object.assign(new Error(`${code}: ${path}`), { code, path });
}

/** Whether an error is a Node system error with a code. */
export function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

/**
 * Turns a system error that says the environment failed into an EnvironmentError (one line:
 * what was being done, the path, the cause); returns undefined for anything else.
 */
export function environmentError(
  error: unknown,
  doing: string,
  fallbackPath?: string,
): EnvironmentError | undefined {
  if (!isSystemError(error)) return undefined;
  const cause = ENVIRONMENT_CAUSES[error.code];
  if (cause === undefined) return undefined;
  // A copy or link that fails for want of room names both files: the full one is the target.
  const target = FULL_DEVICE.has(error.code) ? error.dest : undefined;
  const path = target ?? error.path ?? fallbackPath ?? "";
  const where = path === "" ? "" : `: ${path}`;
  return new EnvironmentError(`${doing}${where}: ${cause} (${error.code})`, path, {
    cause: error,
  });
}

/** The first error in a chain of causes (Eleventy wraps what plugins throw) that `accept` takes. */
export function findCause(
  error: unknown,
  accept: (candidate: Error) => boolean,
): Error | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    if (accept(current)) return current;
    seen.add(current);
    const wrapped = current as Error & { originalError?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return undefined;
}

/**
 * The EnvironmentError of a chain of causes: one already made, or the first system error that
 * says the machine failed (Eleventy wraps a full disk in its own errors), made into one.
 */
export function findEnvironmentError(
  thrown: unknown,
  doing: string,
  fallbackPath?: string,
): EnvironmentError | undefined {
  const made = findCause(thrown, (e) => e instanceof EnvironmentError);
  if (made instanceof EnvironmentError) return made;
  const system = findCause(thrown, (e) => environmentError(e, doing) !== undefined);
  return system ? environmentError(system, doing, fallbackPath) : undefined;
}

/**
 * The Sosik error in a chain of causes (Eleventy wraps what plugins throw), or a system error
 * that says the machine failed (a read-only or full disk) turned into an EnvironmentError
 * about `doing`. Undefined for anything else: a bug.
 */
export function knownError(thrown: unknown, doing: string): SosikError | undefined {
  const sosik = findCause(thrown, (e) => e instanceof SosikError);
  if (sosik instanceof SosikError) return sosik;
  return findEnvironmentError(thrown, doing);
}
