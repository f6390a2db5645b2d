/**
 * The one catalogue of spec diagnostics. Every problem a front end or the validator finds is one of
 * these codes, reported with the span of the offending node and printed as
 * `path:line:col: error CODE: message`. Functions return diagnostics alongside their value instead of
 * throwing, so the CLI can print every problem at once and write nothing.
 */
import type { SourceSpan } from "./model.js";

export type Severity = "error" | "warning";

interface CatalogueEntry {
  readonly severity: Severity;
  /** What the code means, for `--help` style listings and the README. */
  readonly summary: string;
}

export const DIAGNOSTICS = {
  "invalid-front-matter": { severity: "error", summary: "front matter is not a YAML mapping of scalars" },
  "yaml-syntax": { severity: "error", summary: "a YAML spec is not well-formed YAML" },
  "invalid-field": { severity: "error", summary: "a YAML spec field is missing, unknown or of the wrong type" },
  "missing-title": { severity: "error", summary: "the spec has no title (H1)" },
  "missing-api-version": { severity: "error", summary: "the spec states no api-version" },
  "missing-section": { severity: "error", summary: "a required section is absent" },
  "misplaced-section": { severity: "error", summary: "a section stands where it does not belong" },
  "unknown-section": { severity: "error", summary: "a heading names no section the format knows" },
  "missing-topic": { severity: "error", summary: "an operation has no topic name" },
  "topic-syntax": {
    severity: "error",
    summary: "a topic has unbalanced braces, wildcards, empty levels or a bad parameter",
  },
  "topic-conflict": {
    severity: "error",
    summary: "two operations, or an operation and the response topic, can match the same topic",
  },
  "duplicate-topic-parameter": { severity: "error", summary: "a topic names the same parameter twice" },
  "duplicate-operation": { severity: "error", summary: "two operations share a name or an id" },
  "duplicate-property": { severity: "error", summary: "a message lists the same property twice" },
  "duplicate-status": { severity: "error", summary: "a status appears twice in one table or in the catalog" },
  "unknown-property-type": { severity: "error", summary: "a property type is not u32, u64, i32, string or time" },
  "bad-required-value": { severity: "error", summary: "a Required cell is not yes or no" },
  "unknown-first-class-property": {
    severity: "error",
    summary: "a capitalised property name is not an MQTT 5 property the generator can map",
  },
  "malformed-table": { severity: "error", summary: "a table lacks the columns its section needs" },
  "malformed-status-code": { severity: "error", summary: "a status is not four hex digits" },
  "reserved-status-bits": { severity: "error", summary: "a status sets reserved type bits" },
  "unknown-status": { severity: "error", summary: "an operation lists a status the Responses catalog lacks" },
  "malformed-reason-code": { severity: "error", summary: "a reason code is not an MQTT 5 reason code (0-255)" },
  "reason-code-mismatch": {
    severity: "error",
    summary: "a success status has a failing reason code, or a failing status reason code 0",
  },
  "malformed-qos": { severity: "error", summary: "a QoS is not 0 or 1" },
  "malformed-pseudo-code": {
    severity: "error",
    summary: "a pseudo-code sample does not open with -> PUBLISH or -> SUBSCRIBE, so its direction is unknown",
  },
  "inconsistent-interaction": {
    severity: "error",
    summary: "the sections and the pseudo-code disagree on how an operation is answered",
  },
  "unknown-payload": { severity: "error", summary: "a payload is neither empty, any byte sequence nor a type name" },
  "invalid-schema": {
    severity: "error",
    summary: "a payload schema sidecar is not JSON, not an object of schemas, or refers to an unknown type",
  },
  "identifier-clash": {
    severity: "error",
    summary: "two names become the same identifier in generated code",
  },
  "reserved-identifier": { severity: "error", summary: "a name becomes a reserved word in generated code" },
  "invalid-identifier": { severity: "error", summary: "a name yields no usable identifier in generated code" },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the spec file, as given on the command line. */
  readonly file: string;
  readonly span?: SourceSpan;
}

/** Values that come with the problems found while producing them. */
export interface Result<T> {
  readonly value: T | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

export function diagnostic(code: DiagnosticCode, message: string, file: string, span?: SourceSpan): Diagnostic {
  return { code, severity: DIAGNOSTICS[code].severity, message, file, ...(span ? { span } : {}) };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** `path:line:col: error CODE: message`, the format editors and CI annotations understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.span ? `${d.span.file ?? d.file}:${d.span.start.line}:${d.span.start.column}` : d.file;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

/** Diagnostics in file, then source order, so output is stable whatever order stages found them in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.span?.start.line ?? 0) - (b.span?.start.line ?? 0) ||
      (a.span?.start.column ?? 0) - (b.span?.start.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
