/**
 * How a command reports what it found, for every command alike (`--reporter`): `text` for people
 * (`path:line:col: severity code: message`), `json` for tools (one document per run: schemas/report.schema.json),
 * `github` for GitHub Actions (workflow commands that annotate the lines). Everything a reporter prints
 * goes to stderr; stdout carries only what a command produces (a model, a converted spec, a diff).
 * Diagnostics name files relative to the project root; they are shown relative to the working directory.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { LIMITS } from "../diagnostics.js";
import type { AnyDiagnostic } from "../project-diagnostics.js";
import { escapeData, escapeProperty } from "../diff/format/github.js";
import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export const REPORTERS = ["text", "json", "github"] as const;
export type ReporterName = (typeof REPORTERS)[number];

export type FailureKind = "usage" | "file-system" | "internal";

export type DriftKind = "missing" | "extra" | "different";

/** A diagnostic as the json reporter writes it: 1-based lines and columns, absent when the place is unknown. */
interface JsonDiagnostic {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: AnyDiagnostic["severity"];
  readonly code: string;
  readonly message: string;
}

interface JsonReport {
  readonly version: 1;
  readonly command: string;
  readonly exitCode: number;
  readonly diagnostics: JsonDiagnostic[];
  readonly drift: { readonly kind: DriftKind; readonly path: string }[];
  fix?: string;
  error?: { readonly kind: FailureKind; readonly message: string };
}

export interface ReporterOptions {
  readonly name: ReporterName;
  readonly quiet: boolean;
  /** The command as the report names it (`generate`). */
  readonly command: string;
}

export class Reporter {
  private report: JsonReport;

  constructor(
    private readonly io: CliIo,
    readonly options: ReporterOptions,
  ) {
    this.report = this.fresh();
  }

  /** Problems of specs, templates or the config; `root` is the directory their paths are relative to. */
  diagnostics(list: readonly AnyDiagnostic[], root: string): void {
    const shown = list.map((d) => this.shown(d, root));
    switch (this.options.name) {
      case "json":
        this.report.diagnostics.push(...shown);
        return;
      case "github":
        this.io.stderr(shown.map(githubLine).join(""));
        return;
      case "text": {
        const listed = shown.slice(0, LIMITS.listedDiagnostics).map((d) => `${textLine(d)}\n`);
        const unlisted = shown.length - listed.length;
        if (unlisted > 0) listed.push(`mqttgen: ${unlisted} more problem(s) not listed\n`);
        this.io.stderr(listed.join(""));
      }
    }
  }

  /** A generated file that is missing, extra or different, and the command that regenerates it. */
  drift(kind: DriftKind, path: string, fix: string): void {
    const file = this.path(path);
    this.report.drift.push({ kind, path: file });
    this.report.fix = fix;
    if (this.options.name === "github") {
      const message = `${file} is ${kind === "different" ? "different from what its spec generates" : kind === "missing" ? "missing" : "no longer generated"}: run ${fix}`;
      this.io.stderr(`::error ${property("file", file)},${property("title", `mqttgen drift (${kind})`)}::${escapeData(message)}\n`);
    } else if (this.options.name === "text") this.io.stderr(`${kind}: ${file}\n`);
  }

  /** Progress and summaries for people: not with `--quiet`, nor in a json report. */
  note(text: string): void {
    if (!this.options.quiet && this.options.name !== "json") this.io.stderr(`mqttgen: ${text}\n`);
  }

  /** A line people must see even with `--quiet` (what to run to fix drift, why nothing was written). */
  notice(text: string): void {
    if (this.options.name !== "json") this.io.stderr(`mqttgen: ${text}\n`);
  }

  /** A run that could not go on: the command line, a file, or mqttgen itself. */
  failure(kind: FailureKind, message: string, hint: string | undefined): void {
    this.report.error = { kind, message };
    if (this.options.name === "json") return;
    if (this.options.name === "github") this.io.stderr(`::error ${property("title", `mqttgen ${kind} error`)}::${escapeData(message)}\n`);
    else this.io.stderr(`mqttgen: ${message}\n${hint === undefined ? "" : `${hint}\n`}`);
  }

  /** Ends a run: a json reporter prints its document; each run (of watch mode too) gets its own. */
  finish(exitCode: ExitCode): void {
    if (this.options.name === "json") this.io.stderr(`${JSON.stringify({ ...this.report, exitCode })}\n`);
    this.documents++;
    this.report = this.fresh();
  }

  /** Ends the command: its run's document, unless its runs have each had theirs (watch mode) and nothing is left. */
  close(exitCode: ExitCode): void {
    const pending = this.report.diagnostics.length > 0 || this.report.drift.length > 0 || this.report.error !== undefined;
    if (pending || this.documents === 0) this.finish(exitCode);
  }

  /** How many runs have ended. */
  private documents = 0;

  private fresh(): JsonReport {
    return {
      version: 1,
      command: this.options.command,
      exitCode: 0,
      diagnostics: [],
      drift: [],
    };
  }

  /** A path as the user's shell sees it: relative to the working directory, `/` separators. */
  path(path: string): string {
    return relative(this.io.cwd, path).split(sep).join("/") || ".";
  }

  private shown(d: AnyDiagnostic, root: string): JsonDiagnostic {
    // `git:REF:PATH` sides of a diff and files named without a path stay as they are.
    return asJson(d, (file) => (file.startsWith("git:") || file === "" ? file : this.path(isAbsolute(file) ? file : resolve(root, file))));
  }
}

/** A diagnostic as `path:line:col: severity code: message`, its path as the diagnostic names it. */
export function diagnosticLine(d: AnyDiagnostic): string {
  return textLine(asJson(d, (file) => file));
}

function asJson(d: AnyDiagnostic, path: (file: string) => string): JsonDiagnostic {
  const span = d.span;
  const place = span === undefined ? {} : { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  return { file: path(span?.file ?? d.file), ...place, severity: d.severity, code: d.code, message: d.message };
}

function textLine(d: JsonDiagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column}`;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

function githubLine(d: JsonDiagnostic): string {
  const place = d.line === undefined ? [] : [property("line", String(d.line)), property("col", String(d.column))];
  const properties = [...(d.file.startsWith("git:") ? [] : [property("file", d.file)]), ...place, property("title", `mqttgen ${d.code}`)];
  return `::${d.severity} ${properties.join(",")}::${escapeData(d.message)}\n`;
}

function property(key: string, value: string): string {
  return `${key}=${escapeProperty(value)}`;
}
