/**
 * The write stage. Output directories are replaced whole: files are written into a staged sibling
 * directory which is then swapped in under an intent journal (src/write-journal.ts), so a failed run
 * leaves the previous output as it was, and a killed one leaves the old tree or the new one, complete, once
 * the next run starts. `--check` compares instead of writing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { generatedInput, holdsGeneratedFiles, isSwapLeftover, recoverInterruptedWrites, stagedPath, swapIn } from "./write-journal.js";

export interface OutputDirectory {
  /** The directory the files belong in (`generated/iothub`). */
  readonly dir: string;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/**
 * Writes every directory, after finishing what interrupted runs left in their roots (returned, one line
 * each, for the log); on a failure nothing is swapped in and the staged directories are removed.
 */
export function writeOutputs(outputs: readonly OutputDirectory[]): string[] {
  const recovered = recoverInterruptedWrites([...new Set(outputs.map((output) => dirname(output.dir)))]);
  const staged: string[] = [];
  try {
    for (const output of outputs) {
      const temp = stagedPath(output.dir);
      staged.push(temp);
      rmSync(temp, { recursive: true, force: true });
      mkdirSync(temp, { recursive: true });
      for (const file of output.files) {
        const target = join(temp, file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.content);
      }
    }
  } catch (error) {
    for (const temp of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  swapIn(outputs.map((output) => output.dir));
  return recovered;
}

/**
 * Directories under `root` that mqttgen wrote (a file at their top carries the generated header) and that no
 * spec in `keep` produces any more: directly under `root`, or, in a directory `<name>` not kept, the
 * versions of a family whose every spec is gone (`<name>/<version>/`, generated from `<name>@<version>.…`).
 * Anything else under `root` is the user's and is never touched, and what a swap in progress stages or
 * sets aside is the swap's.
 */
export function staleDirectories(root: string, keep: readonly string[]): string[] {
  return subdirectories(root)
    .filter((dir) => !keep.includes(basename(dir)))
    .flatMap((dir) => (holdsGeneratedFiles(dir) ? [dir] : subdirectories(dir).filter((version) => isFamilyVersion(dir, version))));
}

function isFamilyVersion(familyDir: string, dir: string): boolean {
  const input = generatedInput(dir);
  return input !== undefined && basename(input, extname(input)) === `${basename(familyDir)}@${basename(dir)}`;
}

function subdirectories(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !isSwapLeftover(entry.name))
    .map((entry) => join(dir, entry.name));
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
