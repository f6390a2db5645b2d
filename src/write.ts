/**
 * The write stage. Output directories are replaced whole and atomically: files are written into a
 * temporary sibling directory which is then swapped in, so a failed run leaves the previous output as it
 * was. `--check` compares instead of writing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

export interface OutputDirectory {
  /** The directory the files belong in (`generated/iothub`). */
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/** Writes every directory; on a failure nothing is swapped in and temporary directories are removed. */
export function writeOutputs(outputs: readonly OutputDirectory[]): void {
  const staged: { dir: string; temp: string }[] = [];
  try {
    for (const output of outputs) {
      const temp = `${output.dir}.tmp-${process.pid}`;
      rmSync(temp, { recursive: true, force: true });
      staged.push({ dir: output.dir, temp });
      for (const file of output.files) {
        const target = join(temp, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.content);
      }
      mkdirSync(temp, { recursive: true });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  for (const { dir, temp } of staged) swapIn(dir, temp);
}

function swapIn(dir: string, temp: string): void {
  const old = `${dir}.old-${process.pid}`;
  mkdirSync(dirname(dir), { recursive: true });
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(temp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Removes output directories under `root` that no spec produces any more. */
export function removeStaleDirectories(root: string, keep: readonly string[]): string[] {
  if (!existsSync(root)) return [];
  const stale = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !keep.includes(entry.name))
    .map((entry) => join(root, entry.name));
  for (const dir of stale) rmSync(dir, { recursive: true, force: true });
  return stale;
}

export interface Drift {
  readonly missing: string[];
  readonly extra: string[];
  readonly different: string[];
}

/** How `dir` on disk differs from the files that would be generated into it. Paths are relative to `dir`. */
export function compareOutput(output: OutputDirectory): Drift {
  const expected = new Map(output.files.map((f) => [f.path, f.content]));
  const actual = existsSync(output.dir) ? listFiles(output.dir) : [];
  const drift: Drift = { missing: [], extra: [], different: [] };
  for (const [path, content] of expected) {
    if (!actual.includes(path)) drift.missing.push(path);
    else if (readFileSync(join(output.dir, path), "utf8") !== content) drift.different.push(path);
  }
  drift.extra.push(...actual.filter((path) => !expected.has(path)));
  return drift;
}

export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return files.sort();
}
