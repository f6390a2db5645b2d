/**
 * Swapping staged output directories in so that a run killed at any moment (SIGKILL included) leaves
 * nothing that the next run cannot finish. Replacing a directory takes two renames (the old tree aside,
 * the new one in); between them the directory is missing. So once every new tree is staged complete, an
 * intent journal is committed in the output root (written aside, then renamed into place); from then on the
 * swap rolls forward: the run that finds a journal of a dead run completes its renames and removes what is
 * left, and every staged tree without a committed journal is incomplete and removed. Every mqttgen command
 * recovers at its start, the roots it will write and any root a run left a journal in (a pointer per run
 * in the user's temporary directory names them). This protects against a killed process, not a lost disk
 * write on power failure (nothing is fsynced).
 *
 * Names: for `generated/iothub`, the staged tree is `generated/.iothub.mqttgen-tmp-<pid>`, the old one
 * aside `generated/.iothub.mqttgen-old-<pid>`, the journal `generated/.mqttgen-swap-<pid>.json`.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";

/** One directory to swap: all three are names inside the journal's root. */
interface SwapEntry {
  readonly dir: string;
  readonly staged: string;
  readonly aside: string;
}

const STAGED = /^\.(.+)\.mqttgen-(tmp|old)-(\d+)$/;
const JOURNAL = /^\.mqttgen-swap-(\d+)\.json(\.part)?$/;
/** What runs before the journal existed left: `iothub.tmp-<pid>`, `iothub.old-<pid>`. */
const LEGACY = /^(.+)\.(tmp|old)-(\d+)$/;

/** Where `dir`'s new tree is staged by this process; the caller writes it. */
export function stagedPath(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.mqttgen-tmp-${process.pid}`);
}

/** True for the names of staged trees, trees set aside and journals, which no listing of outputs should show. */
export function isSwapLeftover(name: string): boolean {
  return STAGED.test(name) || JOURNAL.test(name);
}

/**
 * Swaps every staged tree in (`stagedPath(dir)` → `dir`), all directories of one root under one journal.
 * Once the journals are committed, the swap is certain to complete, by this run or the next.
 */
export function swapIn(dirs: readonly string[]): void {
  const byRoot = new Map<string, SwapEntry[]>();
  for (const dir of dirs) {
    const name = basename(dir);
    const entries = byRoot.get(dirname(dir)) ?? [];
    entries.push({ dir: name, staged: basename(stagedPath(dir)), aside: `.${name}.mqttgen-old-${process.pid}` });
    byRoot.set(dirname(dir), entries);
  }
  checkpoint("staged");
  for (const [root, entries] of byRoot) {
    pointAt(root);
    commitJournal(root, entries);
  }
  checkpoint("journaled");
  for (const [root, entries] of byRoot) {
    rollForward(root, entries);
    rmSync(journalPath(root, process.pid), { force: true });
    unpoint(root, process.pid);
  }
}

/**
 * Finishes or undoes what interrupted runs left in `root` (see the file's comment); runs still alive are
 * left alone. Returns what it did, one line each, for the log.
 */
export function recoverRoot(root: string): string[] {
  if (!existsSync(root)) return [];
  const done: string[] = [];
  const names = readdirSync(root);
  const journaled = new Set<string>();
  for (const name of names) {
    const match = JOURNAL.exec(name);
    const pid = Number(match?.[1]);
    if (match === null || isAlive(pid)) continue;
    const path = join(root, name);
    if (match[2] === undefined) {
      const entries = readJournal(path);
      for (const entry of entries) journaled.add(entry.staged).add(entry.aside);
      rollForward(root, entries);
      checkpoint("recovered");
      done.push(`finished the swap of ${entries.map((entry) => join(root, entry.dir)).join(", ")} that process ${pid} began`);
    }
    rmSync(path, { force: true });
    unpoint(root, pid);
  }
  for (const name of names) {
    if (journaled.has(name) || !existsSync(join(root, name))) continue;
    const match = STAGED.exec(name) ?? legacyLeftover(root, name);
    if (match === null || isAlive(Number(match[3]))) continue;
    const [, dir = "", kind] = match;
    const path = join(root, name);
    if (kind === "old" && !existsSync(join(root, dir))) {
      renameSync(path, join(root, dir));
      done.push(`restored ${join(root, dir)}, which an interrupted run had set aside`);
    } else {
      rmSync(path, { recursive: true, force: true });
      done.push(`removed ${path}, left by an interrupted run`);
    }
  }
  return done;
}

/** Recovers `roots` and every root a dead run's pointer names (and then drops that pointer). */
export function recoverInterruptedWrites(roots: readonly string[]): string[] {
  const done = roots.flatMap((root) => recoverRoot(root));
  for (const pointer of pointers()) {
    if (isAlive(pointer.pid)) continue;
    done.push(...recoverRoot(pointer.root));
    rmSync(pointer.path, { force: true });
  }
  return done;
}

/** Each entry's renames, from whichever state a kill left them in; repeating it is harmless. */
function rollForward(root: string, entries: readonly SwapEntry[]): void {
  for (const entry of entries) {
    const dir = join(root, entry.dir);
    const staged = join(root, entry.staged);
    const aside = join(root, entry.aside);
    if (existsSync(staged)) {
      if (existsSync(dir)) {
        rmSync(aside, { recursive: true, force: true });
        renameSync(dir, aside);
      }
      checkpoint("old-aside");
      renameSync(staged, dir);
      checkpoint("new-in");
    }
  }
  for (const entry of entries) rmSync(join(root, entry.aside), { recursive: true, force: true });
  checkpoint("old-removed");
}

function journalPath(root: string, pid: number): string {
  return join(root, `.mqttgen-swap-${pid}.json`);
}

/** The journal is written aside and renamed into place, so it exists whole or not at all. */
function commitJournal(root: string, entries: readonly SwapEntry[]): void {
  const path = journalPath(root, process.pid);
  writeFileSync(`${path}.part`, `${JSON.stringify({ entries })}\n`);
  renameSync(`${path}.part`, path);
}

function readJournal(path: string): SwapEntry[] {
  const json: unknown = JSON.parse(readFileSync(path, "utf8"));
  const entries: unknown = json !== null && typeof json === "object" ? Reflect.get(json, "entries") : undefined;
  if (!Array.isArray(entries)) throw new Error(`${path} is not a journal mqttgen wrote`);
  return entries.filter(
    (entry): entry is SwapEntry =>
      [entry?.dir, entry?.staged, entry?.aside].every((name) => typeof name === "string" && name !== "" && basename(name) === name),
  );
}

/** A leftover of a run from before the journal, recognised only when it holds generated files. */
function legacyLeftover(root: string, name: string): RegExpExecArray | null {
  const match = LEGACY.exec(name);
  return match !== null && holdsGeneratedFiles(join(root, name)) ? match : null;
}

/** Text every generated file carries near its top (src/emit/header.ts). */
const GENERATED_MARK = "Generated by mqttgen";

/** A directory with generated files at its top; a folder that merely contains one somewhere does not count. */
export function holdsGeneratedFiles(dir: string): boolean {
  return generatedFilesAt(dir).length > 0;
}

/** The names of the generated files at the top of `dir` (none when it does not exist). */
export function generatedFilesAt(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && readHead(join(dir, entry.name)).includes(GENERATED_MARK))
    .map((entry) => entry.name);
}

/** The spec the generated files at the top of `dir` name first in their header (`Input: api/x.md`). */
export function generatedInput(dir: string): string | undefined {
  const [file] = generatedFilesAt(dir);
  return file === undefined ? undefined : /Input: (\S+)/.exec(readHead(join(dir, file)))?.[1];
}

function readHead(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1024);
    return buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** Whether a process with this id runs; this process's own id never belongs to an earlier run still alive. */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The per-user directory of pointers: one file per run and root, naming the root, while its swap runs. */
function pointerDir(): string {
  return join(tmpdir(), `mqttgen-swaps-${process.getuid?.() ?? "user"}`);
}

function pointerPath(root: string, pid: number): string {
  return join(pointerDir(), `${createHash("sha256").update(resolve(root)).digest("hex").slice(0, 16)}-${pid}`);
}

function pointAt(root: string): void {
  mkdirSync(pointerDir(), { recursive: true });
  writeFileSync(pointerPath(root, process.pid), resolve(root));
}

function unpoint(root: string, pid: number): void {
  rmSync(pointerPath(root, pid), { force: true });
}

/** The pointers of runs (a concurrent run may remove its own while they are read). */
function pointers(): { root: string; pid: number; path: string }[] {
  if (!existsSync(pointerDir())) return [];
  return readdirSync(pointerDir()).flatMap((name) => {
    const path = join(pointerDir(), name);
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    const root = existsSync(path) ? readFileSync(path, "utf8") : "";
    return Number.isInteger(pid) && root !== "" ? [{ root, pid, path }] : [];
  });
}

/**
 * A test-only hook, inert unless `MQTTGEN_TEST_CHECKPOINTS` is set: `kill:<name>` kills this process with
 * SIGKILL at the named point; `sleep:<ms>` names every point on stderr and pauses there, so that a test can
 * kill the run at random moments of its swap.
 */
function checkpoint(name: string): void {
  const hook = process.env.MQTTGEN_TEST_CHECKPOINTS;
  if (hook === undefined) return;
  if (hook === `kill:${name}`) process.kill(process.pid, "SIGKILL");
  const sleep = /^sleep:(\d+)$/.exec(hook)?.[1];
  if (sleep === undefined) return;
  writeSync(2, `checkpoint ${name}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(sleep));
}
