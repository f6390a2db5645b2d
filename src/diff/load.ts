/**
 * Reads one side of a diff: a spec file (markdown or YAML), or `git:REF:PATH`, the spec as committed at REF
 * (`git show REF:PATH` in the current directory), with its schema sidecar when REF has one. The spec is
 * parsed and validated as `mqttgen generate` would; locations name it as given (`git:origin/main:api/x.md`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { checkSpec } from "../generate.js";
import type { ApiModel } from "../model.js";
import { sidecarPath } from "../model-rules.js";
import { isSpecFile } from "../parse/index.js";
import { FileSystemError, UsageError } from "../cli/exit-codes.js";


export type LoadedSide = { readonly model: ApiModel; readonly diagnostics: readonly Diagnostic[] } | { readonly model: undefined; readonly diagnostics: readonly Diagnostic[] };

export async function loadSide(source: string, cwd: string): Promise<LoadedSide> {
  const git = parseGitSource(source);
  if (git === undefined) {
    const path = resolve(cwd, source);
    if (!existsSync(path)) throw new FileSystemError(`no such spec: ${source}`);
    if (!statSync(path).isFile()) throw new FileSystemError(`not a file: ${source}`);
    checkSpecName(source);
    return checked(path, source);
  }
  checkSpecName(git.path);
  const spec = gitShow(git.ref, git.path, cwd);
  if (typeof spec === "string") throw new FileSystemError(`cannot read ${source}: ${spec}`);
  // A sidecar REF does not have is no sidecar; any other git failure already failed the spec.
  const shownSidecar = gitShow(git.ref, sidecarPath(git.path), cwd);
  const sidecar = typeof shownSidecar === "string" ? undefined : shownSidecar;
  // loadSpec reads files and finds the sidecar beside the spec: give it both under their own names.
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-diff-"));
  try {
    const specFile = join(dir, basename(git.path));
    writeFileSync(specFile, spec);
    if (sidecar !== undefined) writeFileSync(sidecarPath(specFile), sidecar);
    return await checked(specFile, source);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `git:REF:PATH` split at the first colon after `git:` (a ref name cannot hold one; a path can). */
function parseGitSource(source: string): { readonly ref: string; readonly path: string } | undefined {
  if (!source.startsWith("git:")) return undefined;
  const rest = source.slice("git:".length);
  const colon = rest.indexOf(":");
  const ref = colon < 0 ? "" : rest.slice(0, colon);
  const path = colon < 0 ? "" : rest.slice(colon + 1);
  if (ref === "" || path === "") throw new UsageError(`expected git:REF:PATH, got ${source}`);
  // git would read a leading dash as an option.
  if (ref.startsWith("-")) throw new UsageError(`not a git revision: ${ref}`);
  return { ref, path };
}

function checkSpecName(path: string): void {
  if (!isSpecFile(path)) throw new UsageError(`not a spec (.md, .yaml or .yml): ${path}`);
}

/** Parsed and validated as `generate` does: every problem of the spec at once, and no model when there is one. */
async function checked(path: string, file: string): Promise<LoadedSide> {
  const { model, diagnostics } = await checkSpec(path, file);
  return model === undefined ? { model: undefined, diagnostics } : { model, diagnostics };
}

/** The blob at REF:PATH, or git's complaint. */
function gitShow(ref: string, path: string, cwd: string): Buffer | string {
  const shown = spawnSync("git", ["show", `${ref}:${path}`], { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (shown.error !== undefined) return shown.error.message;
  if (shown.status === 0) return shown.stdout;
  return shown.stderr.toString("utf8").trim().split("\n")[0] || `git show exited with ${shown.status}`;
}
