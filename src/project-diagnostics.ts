/**
 * The catalogue of problems in a project's setup rather than in a spec: its config file
 * (`mqttgen.config.*`) and its template overrides. Spec problems have their own catalogue
 * (src/diagnostics.ts); both print as `path:line:col: severity code: message` and travel together
 * through the reporters. Each code has a severity, a summary for the README and its messages, built from
 * the values a report site passes (never sentences written at the report site).
 */
import type { Diagnostic, Severity } from "./diagnostics.js";
import type { SourceSpan } from "./model.js";

/** One code: its severity, what it means (README table) and its messages, keyed by message id. */
interface ProjectEntry<P> {
  readonly severity: Severity;
  readonly summary: string;
  readonly message: (values: P) => string;
}

function entry<P>(severity: Severity, summary: string, message: (values: P) => string): ProjectEntry<P> {
  return { severity, summary, message };
}

export const PROJECT_DIAGNOSTICS = {
  "config-load": entry(
    "error",
    "the config file is not valid JSON or YAML, or fails to load as a module",
    (v: { problem: string }) => v.problem,
  ),
  "config-ambiguous": entry(
    "error",
    "one directory holds two config files",
    (v: { other: string }) => `this directory also holds ${v.other}; keep one config file`,
  ),
  "config-invalid": entry(
    "error",
    "a config field is missing or of the wrong type",
    (v: { field: string; expected: string }) => `${v.field}: expected ${v.expected}`,
  ),
  "config-unknown-field": entry(
    "error",
    "a config field is unknown",
    (v: { field: string; known: string }) => `unknown field ${v.field}; expected one of: ${v.known}`,
  ),
  "config-no-spec": entry(
    "error",
    "a spec the config lists does not exist or is not a spec",
    (v: { path: string; why: string }) => `${v.path}: ${v.why}`,
  ),
  "config-glob-empty": entry(
    "warning",
    "a spec pattern of the config matches no spec",
    (v: { pattern: string }) => `no .md, .yaml or .yml file matches ${v.pattern}`,
  ),
  "output-clash": entry(
    "error",
    "two specs would write into one output directory",
    (v: { dir: string; spec: string; other: string }) => `${v.spec} and ${v.other} would both write into ${v.dir}`,
  ),
  "template-unknown": entry(
    "error",
    "an override file is named after no built-in template",
    (v: { name: string; known: string }) => `no built-in template is named ${v.name}; overrides replace one of: ${v.known}`,
  ),
  "template-syntax": entry("error", "an override template is not valid Handlebars", (v: { problem: string }) => v.problem),
  "template-unknown-field": entry(
    "error",
    "an override template reads a field its view-model does not have",
    (v: { field: string; scope: string; known: string }) =>
      `${v.field} is not a field of ${v.scope}; its fields: ${v.known} (templates/README.md lists every view-model)`,
  ),
  "template-unknown-helper": entry(
    "error",
    "an override template calls a helper, partial or decorator mqttgen does not provide",
    (v: { name: string; known: string }) => `${v.name} is not available in templates; use one of: ${v.known}`,
  ),
  "template-render": entry("error", "an override template failed while rendering", (v: { problem: string }) => v.problem),
} as const;

export type ProjectDiagnosticCode = keyof typeof PROJECT_DIAGNOSTICS;

type ValuesOf<C extends ProjectDiagnosticCode> = Parameters<(typeof PROJECT_DIAGNOSTICS)[C]["message"]>[0];

export interface ProjectDiagnostic extends Omit<Diagnostic, "code"> {
  readonly code: ProjectDiagnosticCode;
}

/** What the reporters print: a problem of a spec or of the project's setup. */
export type AnyDiagnostic = Diagnostic | ProjectDiagnostic;

/** A problem in `file` (as the project names it), at `span` when the place is known. */
export function projectDiagnostic<C extends ProjectDiagnosticCode>(
  code: C,
  values: ValuesOf<C>,
  file: string,
  span: SourceSpan | undefined,
): ProjectDiagnostic {
  const message = (PROJECT_DIAGNOSTICS[code].message as (values: ValuesOf<C>) => string)(values);
  return {
    code,
    severity: PROJECT_DIAGNOSTICS[code].severity,
    message,
    file,
    ...(span ? { span } : {}),
  };
}

export function anyErrors(diagnostics: readonly AnyDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** The span of one point, for problems known by line and column only. */
export function pointSpan(line: number, column: number): SourceSpan {
  const point = { line, column };
  return { start: point, end: point };
}
