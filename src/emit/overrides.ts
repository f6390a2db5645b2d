/**
 * A project's template overrides: a directory of `<template>.hbs` files, each replacing the built-in
 * template of the same file name. Each is parsed and checked against the view-model its template renders
 * (templates/contracts.json) before anything renders, so a field the view-model lacks is reported at its
 * line and column for every spec, not only for a spec whose data happens to reach it.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import { pointSpan, projectDiagnostic, type ProjectDiagnostic } from "../project-diagnostics.js";
import { compileTemplate, TemplateSet, type TemplateOverride } from "./render.js";
import { checkTemplate, loadContracts } from "./template-check.js";
import { isTemplateName, TEMPLATE_NAMES, type TemplateName } from "./templates.js";

export interface LoadedOverrides {
  readonly templates: TemplateSet;
  readonly overrides: readonly TemplateOverride[];
  readonly diagnostics: readonly ProjectDiagnostic[];
}

const load = createRequire(import.meta.url);

/**
 * The overrides in `dir`; `shownDir` is how problems and headers name it (relative to the project root).
 * Files not ending in `.hbs` are left alone (a README beside the templates). Throws only when the
 * directory or a file in it cannot be read.
 */
export function loadOverrides(dir: string, shownDir: string): LoadedOverrides {
  const diagnostics: ProjectDiagnostic[] = [];
  const overrides = new Map<TemplateName, TemplateOverride>();
  const contracts = loadContracts();
  const handlebars: typeof Handlebars = load("handlebars");
  for (const entry of readdirSync(dir)
    .filter((name) => name.endsWith(".hbs"))
    .sort()) {
    const name = entry.slice(0, -".hbs".length);
    const path = `${shownDir}/${entry}`;
    if (!isTemplateName(name)) {
      diagnostics.push(
        projectDiagnostic(
          "template-unknown",
          {
            name: entry,
            known: TEMPLATE_NAMES.map((n) => `${n}.hbs`).join(", "),
          },
          path,
          undefined,
        ),
      );
      continue;
    }
    const source = readFileSync(join(dir, entry), "utf8");
    let program: hbs.AST.Program;
    try {
      program = handlebars.parse(source);
    } catch (error) {
      diagnostics.push(syntaxProblem(error, path));
      continue;
    }
    const problems = checkTemplate(program, name, contracts, path);
    diagnostics.push(...problems);
    if (problems.length > 0) continue;
    const sha256 = createHash("sha256").update(source).digest("hex");
    overrides.set(name, {
      name,
      path,
      sha256,
      template: compileTemplate(source),
    });
  }
  return {
    templates: new TemplateSet(overrides),
    overrides: [...overrides.values()],
    diagnostics,
  };
}

/** A Handlebars parse error, placed where it names: `Parse error on line 3:` or `… - 3:4` (column 0-based). */
function syntaxProblem(error: unknown, path: string): ProjectDiagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const located = / - (\d+):(\d+)$/.exec(message);
  const parseLine = /^Parse error on line (\d+):/.exec(message);
  const at = located ? pointSpan(Number(located[1]), Number(located[2]) + 1) : parseLine ? pointSpan(Number(parseLine[1]), 1) : undefined;
  const problem = message
    .replace(/ - \d+:\d+$/, "")
    .replace(/^Parse error on line \d+:\n/, "")
    .replace(/\n/g, " ");
  return projectDiagnostic("template-syntax", { problem }, path, at);
}
