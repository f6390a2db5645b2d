/**
 * The one catalogue of spec diagnostics. Every problem a front end or the validator finds is one of
 * these codes, worded here by a message template with named parameters (`{name}`), as TypeSpec's
 * `messages.ts` does: report sites pass values, never sentences, so both front ends say the same thing
 * for the same problem. Problems are printed as `path:line:col: error CODE: message`, collected by one
 * `DiagnosticCollector` per spec, and returned alongside values instead of thrown, so the CLI can print
 * every problem at once and write nothing.
 */
import type { SourceSpan } from "./model.js";

export type Severity = "error" | "warning";

interface CatalogueEntry {
  readonly severity: Severity;
  /** What the code means, for the README's table. */
  readonly summary: string;
  /** Message templates by id; `default` unless a report names another. */
  readonly messages: Readonly<Record<string, string>>;
}

/** The limits that keep a hostile spec from exhausting time, memory or the stack (README, "Limits"). */
export const LIMITS = {
  /** Bytes of one spec or sidecar file: 3× the 1000-operation benchmark spec, 300× the seed. */
  specBytes: 4 * 1024 * 1024,
  /** Levels of nesting of markdown containers, emphasis or links, and of YAML/JSON collections. */
  nesting: 64,
  /** Bytes of UTF-8 an MQTT 5 string carries (MQTT 5 §1.5.4), so the most a topic can be. */
  mqttString: 65_535,
  /** Problems the CLI lists per run; it counts the rest. */
  listedDiagnostics: 100,
} as const;

export const DIAGNOSTICS = {
  "spec-too-large": {
    severity: "error",
    summary: "a spec or sidecar file is larger than 4 MiB",
    messages: { default: "the file is {size} bytes; mqttgen reads at most {limit} bytes (4 MiB) per file" },
  },
  "invalid-utf8": {
    severity: "error",
    summary: "a spec or sidecar file is not valid UTF-8",
    messages: { default: "byte {byte} is not valid UTF-8 (the first such byte on this line)" },
  },
  "invalid-character": {
    severity: "error",
    summary: "a spec holds U+0000 (NUL), which no MQTT 5 string may carry",
    messages: { default: "U+0000 (NUL) stands here; no MQTT 5 string may carry it" },
  },
  "nesting-too-deep": {
    severity: "error",
    summary: "markdown, YAML or JSON nests deeper than 64 levels",
    messages: {
      blocks: "block quotes and lists nest more than {limit} levels deep here",
      emphasis: "more than {limit} emphasis markers (* or _) are open here",
      links: "links and images nest more than {limit} levels deep here",
      yaml: "the YAML nests more than {limit} levels deep here",
    },
  },
  "invalid-front-matter": {
    severity: "error",
    summary: "front matter is not a YAML mapping of scalars (but for its `mqttgen-dialect`)",
    messages: {
      default: "front matter is not valid YAML: {problem}",
      "not-mapping": "front matter is not a mapping of keys to values",
      "key-not-scalar": "front matter keys must be plain strings",
      "value-not-scalar": 'front matter value of "{key}" is not a scalar',
    },
  },
  "yaml-syntax": {
    severity: "error",
    summary: "a YAML spec is not well-formed YAML",
    messages: { default: "not well-formed YAML: {problem}" },
  },
  "invalid-field": {
    severity: "error",
    summary: "a field of a YAML spec or of a `mqttgen-dialect` is missing, unknown or of the wrong type",
    messages: {
      unknown: "unknown field `{field}` in {owner}; expected one of: {expected}",
      missing: "{owner} lacks the required field `{field}`",
      "not-mapping": "{owner} must be a mapping",
      "not-string": "{owner} must be a string",
      "not-string-quote": "{owner} must be a string (quote it)",
      "not-list": "{owner} must be a list",
      "not-json": "{owner} must be plain JSON data (strings, finite numbers, booleans, null, lists, mappings)",
      "too-many-aliases": "{owner} expands more aliases than a spec needs (at most {limit})",
      "format-version": "`mqttgen` must be {version}, the version of this YAML format",
      choice: "`{field}` of {owner} must be one of {choices}",
      "first-message": "{owner} is {interaction}: its first message is `{expected}`, not `{found}`",
      "one-way-success": "{owner} is one-way: it has no `success`",
      "subscription-qos": "{owner} is client-to-server, so nothing subscribes to it: drop `subscriptionQos`",
      "note-kinds": "a note has exactly one key, its kind: {kinds}",
      range: "{owner} must be an integer from {min} to {max}",
      "one-of": "{owner} has exactly one of {choices}",
      "request-response-only": "{owner} is {interaction}: `{field}` belongs to request-response operations",
      "response-topic-moved":
        "`responseTopic` is part of the dialect now: under `dialect`, write `base: iothub` and `replies` with `sharedTopic: {topic}` (or only `dialect: iothub` for `$iothub/responses`)",
      "empty-file": "the file is empty: a spec is a mapping that starts with `mqttgen: 1`",
    },
  },
  "invalid-connection": {
    severity: "error",
    summary: "a connection states an unknown way to authenticate, a method where none fits, or a limit or port out of range",
    messages: {
      authentication: '"{kind}" is no way to authenticate mqttgen knows; expected one of {known}',
      "method-required": "authentication {kind} needs an Authentication Method",
      "no-method": "authentication {kind} takes no Authentication Method",
      "no-authentication": "the connection accepts no way to authenticate: list at least one (none, for no credentials)",
      limit: '"{limit}" is no connection limit mqttgen knows; expected one of {known}',
      "limit-value": 'limit {limit} is "{value}"; expected an integer from {min} to {max}',
      port: 'port "{value}" is not a TCP port (an integer from 1 to 65535)',
      tls: 'TLS "{value}" is not yes or no',
    },
  },
  "missing-title": {
    severity: "error",
    summary: "the spec has no title (H1)",
    messages: { default: "the spec has no title" },
  },
  "missing-api-version": {
    severity: "error",
    summary: "the spec states no api-version",
    messages: { default: "the spec states no api-version" },
  },
  "missing-section": {
    severity: "error",
    summary: "a required section is absent",
    messages: {
      default: "the spec has no ## {section} section",
      operation: '"{operation}" lacks {sections}',
      "no-code-block": "the Pseudo-code Sample section has no code block",
      response: 'response "{response}" states no {labels}',
      "failure-payload": '"{operation}" states a failure payload without its {labels}',
    },
  },
  "misplaced-section": {
    severity: "error",
    summary: "a section stands where it does not belong",
    messages: {
      default: '"{section}" must stand under ## Operations or ## Responses',
      "second-title": 'a spec has one title (H1); "{section}" is a second one',
      "second-top-level": "a second ## {section} section",
      "outside-operation": '"{section}" stands outside any operation',
      "outside-response": '"{section}" stands outside any response',
      "in-response": '"{section}" has no place inside the response "{response}"',
      "in-part": '"{section}" has no place inside {part}',
      label: "**{label}** has no place in {part}",
      order:
        '"{section}" stands out of place: an operation has Request/Message, Success, Alternatives and Pseudo-code sections, each once, in that order',
    },
  },
  "unknown-section": {
    severity: "error",
    summary: "a heading names no section the format knows",
    messages: {
      default: '"{section}" is none of ## Connection, ## Operations and ## Responses',
      operation: '"{section}" is not a section of an operation',
    },
  },
  "missing-topic": {
    severity: "error",
    summary: "an operation has no topic name",
    messages: { default: 'operation "{operation}" states no topic' },
  },
  "topic-syntax": {
    severity: "error",
    summary: "a topic (an operation's, a reply topic or the dialect's) has unbalanced braces, wildcards, empty levels or a bad parameter",
    messages: {
      "empty-level": 'topic "{topic}" of {owner} has an empty level',
      wildcard: 'topic "{topic}" of {owner} has a wildcard in level "{level}"; no side may publish to a wildcard',
      "white-space": 'topic "{topic}" of {owner} has white space in level "{level}"',
      braces: 'topic "{topic}" of {owner} has unbalanced braces in level "{level}"',
      parameter: 'topic "{topic}" of {owner}: a parameter is a whole level, a name in braces; got "{level}"',
    },
  },
  "topic-too-long": {
    severity: "error",
    summary: "a topic is longer than an MQTT 5 string can carry (65,535 bytes of UTF-8)",
    messages: {
      default: "the topic of {owner} is {bytes} bytes of UTF-8; an MQTT 5 string carries at most {limit}",
    },
  },
  "topic-conflict": {
    severity: "error",
    summary: "two operations, or an operation and a reply topic (the dialect's or an operation's), can match the same topic",
    messages: {
      default: '"{operation}" and "{other}" can both match topic "{topic}"',
      response: '"{operation}" can match the {what} "{topic}"',
      reply: '"{operation}" can match the reply topic "{topic}" of "{other}"',
    },
  },
  "unfillable-topic-parameter": {
    severity: "error",
    summary: "a reply topic or the dialect's reply topic has a parameter that whoever publishes to it cannot fill",
    messages: {
      default:
        'the reply topic "{topic}" of "{operation}" has the parameter "{parameter}", which no reply can fill: a reply topic takes the request topic\'s parameters and clientId',
      shared: 'the shared reply topic "{topic}" has the parameter "{parameter}", which no reply can fill: every reply travels on it',
      prefix: 'the requester reply prefix "{topic}" has the parameter "{parameter}"; it may have only clientId, which the requester fills',
      "prefix-client-id": 'the requester reply prefix "{topic}" has no clientId level: replies could not be kept apart per client',
    },
  },
  "topic-parameter-declaration": {
    severity: "error",
    summary: "a topic parameter declaration names no level of its topics, repeats one, has an unknown scope, or scopes {clientId} free",
    messages: {
      unused: 'topic parameter "{parameter}" is declared but the topic of "{operation}" has no such level',
      "unused-shared": 'topic parameter "{parameter}" is declared for every topic but no topic has such a level',
      twice: 'topic parameter "{parameter}" is declared twice',
      scope: 'scope "{value}" of topic parameter "{parameter}" is neither free nor client-id',
      "client-id":
        'topic parameter "{parameter}" of "{operation}" names the requester\'s client id and is always client-id scoped, not free',
    },
  },
  "duplicate-topic-parameter": {
    severity: "error",
    summary: "a topic names the same parameter twice",
    messages: { default: 'topic "{topic}" names the parameter "{parameter}" twice' },
  },
  "duplicate-operation": {
    severity: "error",
    summary: "two operations share a name or an id",
    messages: { default: 'operation "{operation}" repeats "{other}"' },
  },
  "duplicate-property": {
    severity: "error",
    summary: "a message lists the same property twice",
    messages: { default: 'property "{property}" is listed twice' },
  },
  "duplicate-payload-type": {
    severity: "error",
    summary: "a payload type is defined twice",
    messages: { default: 'payload type "{type}" is defined twice' },
  },
  "duplicate-status": {
    severity: "error",
    summary: "a status appears twice in one table or in the catalog",
    messages: {
      default: "status {status} is listed twice in the catalog",
      alternatives: 'status {status} is listed twice among the alternatives of "{operation}"',
    },
  },
  "unknown-property-type": {
    severity: "error",
    summary: "a property or topic parameter type is not u32, u64, i32, string or time",
    messages: {
      default: 'property "{property}" has type "{type}"; expected one of u32, u64, i32, string, time',
      parameter: 'topic parameter "{parameter}" has type "{type}"; expected one of u32, u64, i32, string, time',
    },
  },
  "bad-required-value": {
    severity: "error",
    summary: "a Required cell is not yes or no",
    messages: { default: 'property "{property}" has required "{value}"; expected {expected}' },
  },
  "unknown-first-class-property": {
    severity: "error",
    summary: "a capitalised property name is not an MQTT 5 property the generator can map, a property kind is unknown, or an MQTT 5 property has the wrong type",
    messages: {
      default:
        'property "{property}" looks like an MQTT 5 property (capitalised or spaced) but is none the generator maps ({known}); a user property with such a name states its kind: user',
      kind: 'property "{property}" has kind "{value}"; expected {expected}',
      type: 'property "{property}" is an MQTT 5 property whose value is a {expected}, not a {type}',
    },
  },
  "malformed-table": {
    severity: "error",
    summary: "a table lacks the columns its section needs",
    messages: {
      default: "the {table} table lacks the column(s) {columns}",
      "no-name": "a property row has no name",
      "second-table": "a message has one property table; this one is extra",
      "properties-value": '**{label}** must be a table or none, not "{value}"',
      "no-table": "**{label}** is followed by neither a table nor none",
      "no-alternatives": '"{section}" has no table',
    },
  },
  "extra-table-cell": {
    severity: "error",
    summary: "a table row has more cells than its header (an unescaped pipe splits a cell)",
    messages: { default: "this row has {cells} cells but the header has {columns}: write a | inside a cell as \\|" },
  },
  "malformed-status-code": {
    severity: "error",
    summary: "a status is not written in the dialect's status format (hex16, integer or text)",
    messages: {
      hex16: 'status "{status}" is not four hex digits',
      integer: 'status "{status}" is not an integer (the dialect writes statuses as integers)',
      text: 'status "{status}" is empty or has white space at an end (the dialect writes statuses as text tokens)',
      "type-bits": "status {status} has the unassigned type bits 11, which name no status class",
    },
  },
  "status-class": {
    severity: "error",
    summary: "a catalog status states a class or retryability the hex16 format derives, lacks a class the other formats need, or states one mqttgen does not know",
    messages: {
      derived: "status {status} states its {field}, which the hex16 format takes from the status bits: leave it out",
      missing: "status {status} states no class; statuses written as {format} state one (success, client-error or server-error)",
      value: 'class "{value}" of status {status} is none of success, client-error, server-error',
      retryable: 'retryable "{value}" of status {status} is not {expected}',
    },
  },
  "reserved-status-bits": {
    severity: "error",
    summary: "a status sets reserved type bits",
    messages: { default: "status {status} sets reserved type bits" },
  },
  "unknown-status": {
    severity: "error",
    summary: "an operation lists a status the Responses catalog lacks",
    messages: { default: 'status {status} ("{name}") is not in the Responses catalog' },
  },
  "malformed-reason-code": {
    severity: "error",
    summary: "a reason code is not an MQTT 5 reason code (0-255)",
    messages: { default: 'reason code "{reasonCode}" is not an MQTT 5 reason code (an integer from 0 to 255)' },
  },
  "reason-code-mismatch": {
    severity: "error",
    summary: "a success status has a failing reason code, or a failing status reason code 0",
    messages: {
      default: "status {status} is success but reason code {reasonCode} means failure",
      failure: "status {status} is {statusClass} but reason code {reasonCode} means success",
    },
  },
  "success-alternative": {
    severity: "error",
    summary: "an operation lists a success status among its alternatives where no outcome can carry it",
    messages: {
      default:
        'status {status} of "{operation}" is a success, which nothing carries: the dialect has no status property, so a success is a reason code below 128 without a status',
      "failure-payload":
        'status {status} of "{operation}" is a success, but its alternatives travel as failures in the reply payload',
    },
  },
  "runtime-status": {
    severity: "error",
    summary: "the dialect maps a runtime condition to a status the catalog lacks, or to a success",
    messages: {
      default: "the dialect answers its runtime condition {condition} with status {status}, which the catalog lacks",
      success: "the dialect answers its runtime condition {condition} with status {status}, a success",
    },
  },
  "unreportable-failure": {
    severity: "error",
    summary: "a request-response operation's replies cannot carry a failure",
    messages: {
      default:
        '"{operation}" answers with replies that cannot carry a failure: the dialect has no status property and the operation states no failure payload',
      rejected: '"{operation}" replies on a rejected topic but states no failure payload (its code and message fields)',
    },
  },
  "unscoped-reply-topic": {
    severity: "warning",
    summary: "a requester-chosen Response Topic on an operation whose topic names no client (a broker-connected server cannot check it)",
    messages: {
      default:
        '"{operation}" lets the requester choose its Response Topic, but its topic "{topic}" names no client: a server behind a broker cannot check that the Response Topic is the requester\'s (the embedded endpoint checks it against the connection)',
    },
  },
  "correlation-not-json": {
    severity: "error",
    summary: "an operation correlates by a payload field but a payload it needs is not JSON",
    messages: {
      default: '"{operation}" correlates by the payload field "{field}" but its {message} payload is {payload}, not a JSON payload type',
    },
  },
  "runtime-managed-property": {
    severity: "error",
    summary: "a message declares a property the runtime sets itself (Response Topic of a request whose requester chooses it)",
    messages: {
      default: '"{operation}" declares Response Topic on its request, which the runtime sets on every request of this dialect',
    },
  },
  "malformed-qos": {
    severity: "error",
    summary: "a QoS is not 0 or 1",
    messages: { default: 'QoS "{qos}" is not 0 or 1' },
  },
  "malformed-pseudo-code": {
    severity: "error",
    summary: "a pseudo-code sample does not open with -> PUBLISH or -> SUBSCRIBE, so its direction is unknown",
    messages: { default: "the pseudo-code does not open with -> PUBLISH or -> SUBSCRIBE" },
  },
  "inconsistent-interaction": {
    severity: "error",
    summary: "the sections and the pseudo-code disagree on how an operation is answered",
    messages: {
      default: "the sections describe a {sections} operation but the pseudo-code shows {flow}",
      both: '"{operation}" has both response and acknowledgment sections',
      heading: 'a "{section}" section does not fit a {interaction} operation',
      "reply-topic": 'the pseudo-code shows the response on "{shown}" but "{operation}" replies on "{topic}"',
      "rejected-only": '"{operation}" states a topic for its failures but none for its success response',
    },
  },
  "unknown-payload": {
    severity: "error",
    summary: "a payload is neither empty, any byte sequence nor a type name",
    messages: {
      default: 'payload "{payload}" is neither empty, any byte sequence nor a type name',
      failure: 'the failure payload "{payload}" is no type name; a failure payload is JSON, described by a payload type',
    },
  },
  "undefined-payload-type": {
    severity: "error",
    summary: "a payload names a type that no schema defines",
    messages: {
      default: 'payload type "{type}" is defined nowhere: give it a JSON Schema in {sidecar} (or, in a YAML spec, under payloadTypes)',
    },
  },
  "invalid-schema": {
    severity: "error",
    summary: "a payload schema sidecar is not JSON, not an object of schemas, or refers to an unknown type",
    messages: {
      default: "not valid JSON: {problem}",
      "not-object": "expected an object from payload type name to JSON Schema",
      "schema-not-object": 'the schema of "{type}" must be an object',
      twice: '"{type}" already has a schema in the spec',
      ref: 'the schema of "{type}" refers to "{ref}"; expected #/$defs/ and a payload type name',
    },
  },
  "identifier-clash": {
    severity: "error",
    summary: "two names become the same identifier in generated code",
    messages: {
      default: "{label} and {other} both become {identifier}",
      fixed: "{label} becomes {identifier}, which {reservedBy}",
    },
  },
  "export-clash": {
    severity: "warning",
    summary: "two generated files export one name for different things",
    messages: {
      default: "{label} becomes {identifier} in {file}, and {other} becomes {identifier} in {otherFile}: a module importing both must rename one",
      fixed: "{label} becomes {identifier} in {file}, which {otherFile} exports for itself: a module importing both must rename one",
    },
  },
  "reserved-identifier": {
    severity: "error",
    summary: "a name becomes a reserved word in generated code",
    messages: {
      default: "{label} becomes the reserved word {identifier}",
      "object-internal": "{label} names a JavaScript object internal",
    },
  },
  "invalid-identifier": {
    severity: "error",
    summary: "a name yields no usable identifier in generated code",
    messages: { default: '{label} gives no usable identifier ("{identifier}")' },
  },
  "internal-error": {
    severity: "error",
    summary: "mqttgen failed on a spec (a bug in mqttgen: please report it with the spec)",
    messages: { default: "mqttgen failed while {stage}: {error} (a bug in mqttgen: please report it with the spec)" },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

type Messages<C extends DiagnosticCode> = (typeof DIAGNOSTICS)[C]["messages"];

/** The `{name}` parameters of a template. */
type Parameters<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Parameters<Rest> : never;

type Format<T extends string> = [Parameters<T>] extends [never]
  ? { readonly format?: Readonly<Record<string, never>> }
  : { readonly format: { readonly [P in Parameters<T>]: string | number } };

/** One report: a code, which of its messages (`default` unless named), the values it needs, and where. */
export type Report<C extends DiagnosticCode> = {
  [M in keyof Messages<C> & string]: { readonly code: C; readonly at: SourceSpan | undefined } & (M extends "default"
    ? { readonly messageId?: M }
    : { readonly messageId: M }) &
    Format<Messages<C>[M] & string>;
}[keyof Messages<C> & string];

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

/** The longest a value is shown in a message; a 64 KiB topic is shown by its start. */
const SHOWN_CHARACTERS = 200;

/** A value as a message shows it: on one line (control characters escaped), and shortened when long. */
function show(value: string | number): string {
  const text = String(value);
  const shortened = text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
  return shortened.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** What every `Report` is, whatever its code. */
interface AnyReport {
  readonly code: DiagnosticCode;
  readonly messageId?: string;
  readonly format?: Readonly<Record<string, string | number>>;
  readonly at: SourceSpan | undefined;
}

/** The message a report's template makes with its values. */
function messageOf(report: AnyReport): string {
  const messages: Readonly<Record<string, string>> = DIAGNOSTICS[report.code].messages;
  const template = messages[report.messageId ?? "default"] ?? "";
  const values: Readonly<Record<string, string | number>> = report.format ?? {};
  return template.replace(/\{([a-zA-Z]+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : show(value);
  });
}

function diagnostic(report: AnyReport, file: string): Diagnostic {
  const span = report.at;
  return { code: report.code, severity: DIAGNOSTICS[report.code].severity, message: messageOf(report), file, ...(span ? { span } : {}) };
}

/**
 * The problems found in one spec, by every stage that reads it. A code is reported once per place: a
 * bad name fails every identifier made from it, and once is enough.
 */
export class DiagnosticCollector {
  private readonly found: Diagnostic[] = [];
  private readonly places = new Set<string>();

  constructor(readonly file: string) {}

  report<C extends DiagnosticCode>(report: Report<C>): void {
    const span = report.at;
    if (span !== undefined) {
      const place = `${report.code} ${span.file ?? ""}:${span.start.line}:${span.start.column}`;
      if (this.places.has(place)) return;
      this.places.add(place);
    }
    this.found.push(diagnostic(report, this.file));
  }

  get diagnostics(): readonly Diagnostic[] {
    return sortDiagnostics(this.found);
  }

  get hasErrors(): boolean {
    return hasErrors(this.found);
  }
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
      (a.span?.file ?? a.file).localeCompare(b.span?.file ?? b.file) ||
      (a.span?.start.line ?? 0) - (b.span?.start.line ?? 0) ||
      (a.span?.start.column ?? 0) - (b.span?.start.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/**
 * `read()`, or `undefined` after an `internal-error` at `at` when it throws: whatever a spec holds, an
 * unexpected exception in a reader is a bug to report in place, never a crash of the CLI.
 */
export function guarded<T>(diagnostics: DiagnosticCollector, stage: string, at: SourceSpan | undefined, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    reportInternalError(diagnostics, stage, error, at);
    return undefined;
  }
}

/** An exception caught while `stage` ran, as an `internal-error` at `at` (the start of the spec when unknown). */
export function reportInternalError(diagnostics: DiagnosticCollector, stage: string, error: unknown, at: SourceSpan | undefined): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const start = { line: 1, column: 1 };
  diagnostics.report({ code: "internal-error", format: { stage, error: text }, at: at ?? { start, end: start } });
}
