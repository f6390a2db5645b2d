/**
 * Exit codes, the same for every command (README, "Exit codes"). 1 means the inputs have problems the
 * user fixes in them; 2 that the command was asked wrongly; 3 that a file could not be read or written;
 * 4 that mqttgen itself failed.
 */
import { isAbsolute, relative, sep } from "node:path";

export const EXIT = {
  ok: 0,
  /** Problems in a spec or a template override, drift (`--check`), or `diff` changes at or above `--fail-on`. */
  problems: 1,
  /** An unknown command or option, a bad option value, or a config file with errors. */
  usage: 2,
  /** A file or directory that cannot be read or written (a missing spec, an output directory that is a file). */
  fileSystem: 3,
  /** A bug in mqttgen: please report it. */
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The command line is wrong: exit 2 with the message and a pointer to the command's help. */
export class UsageError extends Error {}

/** A file that cannot be read or written, found otherwise than by a Node.js error (`git show` failing): exit 3. */
export class FileSystemError extends Error {}

/**
 * A Node.js file-system error as one line (`cannot open out/x: ENOENT (no such file or directory)`), its
 * path relative to `cwd`; undefined for any other error.
 */
export function fileSystemFailure(error: unknown, cwd: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (code === undefined || path === undefined) return undefined;
  const reason = ERRNO_TEXT[code];
  const shown = isAbsolute(path) ? relative(cwd, path).split(sep).join("/") || "." : path;
  return `cannot ${syscall === "stat" || syscall === "lstat" ? "read" : (syscall ?? "access")} ${shown}: ${code}${reason === undefined ? "" : ` (${reason})`}`;
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  EEXIST: "already exists",
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
};
