/**
 * Typed access to a parsed YAML document that never throws: every value that is missing, unknown or of
 * the wrong type becomes a diagnostic pointing at its node, and the caller gets `undefined` and carries
 * on, so one run reports every problem in the file.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node, type YAMLMap } from "yaml";
import type { DiagnosticCollector } from "../../diagnostics.js";
import type { JsonValue, SourceSpan } from "../../model.js";

/** Something diagnostics can point at: a YAML node or a span already worked out. */
type Place = Node | SourceSpan | undefined;

export class YamlReader {
  /**
   * `firstLine` is the line of the file the document starts on: 1 for a YAML spec, the line after the
   * opening `---` for markdown front matter.
   */
  constructor(
    readonly diagnostics: DiagnosticCollector,
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly firstLine = 1,
  ) {}

  /** The node's 1-based span, ending where its value ends (trailing comments excluded). */
  span(node: Node | undefined): SourceSpan | undefined {
    const range = node?.range;
    if (range === undefined || range === null) return undefined;
    const [start, end] = range;
    // A block collection's range takes in its last line break; end the span on the line before.
    const endsAfterBreak = end > start && this.point(end).column === 1;
    return { start: this.point(start), end: endsAfterBreak ? this.point(end - 1) : this.point(end) };
  }

  point(offset: number): SourceSpan["start"] {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.firstLine - 1, column: col };
  }

  /** Where a report points: a node's span, or a span already worked out. */
  at(place: Place): SourceSpan | undefined {
    return place === undefined || "start" in place ? place : this.span(place);
  }

  /**
   * The fields of a mapping. Keys outside `known` are reported as unknown, keys of `required` that are
   * absent as missing; `what` names the mapping in messages ("operation `Get Twin`").
   */
  fields(
    node: Node | undefined,
    what: string,
    known: readonly string[],
    required: readonly string[] = [],
  ): Fields | undefined {
    const map = this.mapping(node, what);
    if (map === undefined) return undefined;
    const fields = new Fields(this, map, what);
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== "string" || !known.includes(key)) {
        const format = { field: String(key), owner: what, expected: known.join(", ") };
        this.diagnostics.report({ code: "invalid-field", messageId: "unknown", format, at: this.at(pair.key as Node) });
      }
    }
    for (const key of required) {
      if (!fields.has(key)) fields.missing(key);
    }
    return fields;
  }

  mapping(node: Node | undefined, what: string): YAMLMap | undefined {
    if (isMap(node)) return node;
    this.diagnostics.report({ code: "invalid-field", messageId: "not-mapping", format: { owner: what }, at: this.at(node) });
    return undefined;
  }

  /**
   * A quoted or plain string; numbers, booleans and nulls are reported (quote them to make them text), and
   * so is U+0000, which a double-quoted string can spell `\0` and no MQTT 5 string may carry.
   */
  text(node: Node | undefined, what: string): string | undefined {
    if (isScalar(node) && typeof node.value === "string") {
      if (node.value.includes("\u0000")) this.diagnostics.report({ code: "invalid-character", at: this.at(node) });
      return node.value;
    }
    const messageId = isScalar(node) && node.value !== null ? "not-string-quote" : "not-string";
    this.diagnostics.report({ code: "invalid-field", messageId, format: { owner: what }, at: this.at(node) });
    return undefined;
  }

  /**
   * What a scalar says as written: `0100` stays `0100` although YAML reads a plain `0100` as the number
   * 100, because status codes are hex digits that authors should not have to quote.
   */
  literal(node: Node | undefined): string | undefined {
    if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
    return node.type === Scalar.PLAIN && node.source !== undefined ? node.source : String(node.value);
  }

  /** An explicit YAML null (`null`, `~` or nothing), which removes what a preset sets. */
  isNull(node: Node | undefined): boolean {
    return isScalar(node) && node.value === null;
  }

  /** One of `choices`, written as a plain or quoted scalar; anything else is reported. */
  choice<T extends string>(node: Node | undefined, field: string, owner: string, choices: readonly T[]): T | undefined {
    const text = this.literal(node);
    const choice = choices.find((candidate) => candidate === text);
    if (choice === undefined) {
      const format = { field, owner, choices: choices.join(", ") };
      this.diagnostics.report({ code: "invalid-field", messageId: "choice", format, at: this.at(node) });
    }
    return choice;
  }

  /** An integer from `min` to `max`; anything else is reported. */
  integerIn(node: Node | undefined, owner: string, min: number, max: number): number | undefined {
    const value = this.integer(node);
    if (value !== undefined && value >= min && value <= max) return value;
    const format = { owner, min, max };
    this.diagnostics.report({ code: "invalid-field", messageId: "range", format, at: this.at(node) });
    return undefined;
  }

  boolean(node: Node | undefined): boolean | undefined {
    return isScalar(node) && typeof node.value === "boolean" ? node.value : undefined;
  }

  integer(node: Node | undefined): number | undefined {
    return isScalar(node) && typeof node.value === "number" && Number.isInteger(node.value) ? node.value : undefined;
  }

  /**
   * The node an alias (`*name`) stands for, so that a spec may share parts (`alternatives: *failures`);
   * any other node as it is. Problems inside a shared part are reported where its anchor stands.
   */
  deref(node: Node | undefined): Node | undefined {
    return isAlias(node) ? ((node.resolve(this.document) as Node | undefined) ?? node) : node;
  }

  /** The items of a sequence, or `undefined` (reported) when the node is something else. */
  list(node: Node | undefined, what: string): readonly Node[] | undefined {
    if (isSeq(node)) return (node.items as Node[]).map((item) => this.deref(item) ?? item);
    this.diagnostics.report({ code: "invalid-field", messageId: "not-list", format: { owner: what }, at: this.at(node) });
    return undefined;
  }

  /**
   * Any YAML value as JSON (for embedded JSON Schemas); anchors are resolved, non-JSON values reported.
   * Aliases may not expand beyond `MAX_ALIASES`, so a "billion laughs" document is a problem, not a hang.
   */
  json(node: Node, what: string): JsonValue | undefined {
    let value: unknown;
    try {
      value = node.toJS(this.document, { maxAliasCount: MAX_ALIASES });
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      const format = { owner: what, limit: MAX_ALIASES };
      this.diagnostics.report({ code: "invalid-field", messageId: "too-many-aliases", format, at: this.at(node) });
      return undefined;
    }
    if (isJsonValue(value)) return value;
    this.diagnostics.report({ code: "invalid-field", messageId: "not-json", format: { owner: what }, at: this.at(node) });
    return undefined;
  }
}

/** One mapping's fields, looked up by key. */
export class Fields {
  constructor(
    private readonly reader: YamlReader,
    readonly node: YAMLMap,
    readonly what: string,
  ) {}

  get span(): SourceSpan | undefined {
    return this.reader.span(this.node);
  }

  has(key: string): boolean {
    return this.node.has(key);
  }

  get(key: string): Node | undefined {
    return this.reader.deref((this.node.get(key, true) as Node | undefined) ?? undefined);
  }

  /** The key node itself, for fields that should not be there at all. */
  key(key: string): Node | undefined {
    const pair = this.node.items.find((item) => isScalar(item.key) && item.key.value === key);
    return pair?.key as Node | undefined;
  }

  /** Reports the absence of a required field at the start of the mapping (its span may run over many lines). */
  missing(key: string): void {
    this.reader.diagnostics.report({ code: "invalid-field", messageId: "missing", format: { owner: this.what, field: key }, at: this.startOnly() });
  }

  /** A text field; `fallback` when absent (the absence of a required field is reported by `fields`). */
  text(key: string, fallback = ""): string {
    const node = this.get(key);
    if (node === undefined) return fallback;
    return this.reader.text(node, `\`${key}\` of ${this.what}`) ?? fallback;
  }

  /** Where the mapping starts. */
  startOnly(): SourceSpan | undefined {
    const span = this.span;
    return span && { start: span.start, end: span.start };
  }
}

/** Alias expansions one embedded schema may make: any real schema needs few. */
const MAX_ALIASES = 100;

function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isJsonValue);
  }
  return false;
}
