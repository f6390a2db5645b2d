/**
 * Front matter of the reference (docs/protocol.md#reading-the-reference): a YAML mapping whose keys are indented by one space,
 * which is valid YAML, so the yaml library reads it as written. Values are kept as their source strings
 * (`ms.date: 11/19/2020`, `version: 2.0` stays `2.0`). One key is mqttgen's own, `mqttgen-dialect`: the
 * spec's dialect, written as the YAML form writes `dialect` (a preset's name or a mapping of overrides),
 * read by the same reader and not kept among the docs' metadata.
 */
import type { Yaml } from "mdast";
import { isMap, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import type { SourcePoint, SourceSpan } from "../../model.js";
import { MARKDOWN_DEFAULT_DIALECT } from "../../dialects/presets.js";
import type { DialectDeclaration } from "../../dialects/resolve.js";
import { DIALECT_FRONT_MATTER_KEY } from "../../model-rules.js";
import { readDialectDeclaration } from "../yaml/read-dialect.js";
import { YamlReader } from "../yaml/reader.js";
import type { MarkdownContext } from "./context.js";
import { spanOf } from "./mdast.js";

export interface FrontMatter {
  /** The docs' metadata, as written. */
  readonly entries: Record<string, string>;
  /** What `mqttgen-dialect` declares; absent when the key is. */
  readonly dialect?: DialectDeclaration;
}

export function readFrontMatter(node: Yaml, context: MarkdownContext): FrontMatter {
  const lines = new LineCounter();
  const document = parseDocument(node.value, { lineCounter: lines, prettyErrors: false });
  const firstLine = (spanOf(node)?.start.line ?? 1) + 1;
  // The YAML text starts on the line after the opening `---`.
  const at = (range: readonly [number, number] | undefined): SourceSpan | undefined => {
    if (range === undefined) return spanOf(node);
    const point = (offset: number): SourcePoint => {
      const { line, col } = lines.linePos(offset);
      return { line: firstLine + line - 1, column: col };
    };
    return { start: point(range[0]), end: point(range[1]) };
  };

  for (const error of document.errors) {
    context.diagnostics.report({ code: "invalid-front-matter", format: { problem: error.message }, at: at(error.pos) });
  }
  if (document.errors.length > 0) return { entries: {} };
  if (document.contents === null) return { entries: {} };
  if (!isMap(document.contents)) {
    context.diagnostics.report({ code: "invalid-front-matter", messageId: "not-mapping", at: at(range2(document.contents.range)) });
    return { entries: {} };
  }

  const entries: Record<string, string> = {};
  let dialect: DialectDeclaration | undefined;
  for (const pair of document.contents.items) {
    const { key, value } = pair;
    if (!isScalar(key)) {
      context.diagnostics.report({ code: "invalid-front-matter", messageId: "key-not-scalar", at: spanOf(node) });
      continue;
    }
    if (key.value === DIALECT_FRONT_MATTER_KEY) {
      const reader = new YamlReader(context.diagnostics, document, lines, firstLine);
      // A key without a value is reported at the key, as a preset name that is none.
      const declared = (value ?? key) as Node;
      dialect = readDialectDeclaration(reader, declared, `\`${DIALECT_FRONT_MATTER_KEY}\``, MARKDOWN_DEFAULT_DIALECT);
      continue;
    }
    if (value !== null && !isScalar(value)) {
      context.diagnostics.report({
        code: "invalid-front-matter",
        messageId: "value-not-scalar",
        format: { key: String(key.value) },
        at: at(range2(value.range)),
      });
      continue;
    }
    entries[String(key.source ?? key.value)] = value === null ? "" : (value.source ?? String(value.value ?? ""));
  }
  return { entries, ...(dialect ? { dialect } : {}) };
}

function range2(range: readonly [number, number, number] | null | undefined): [number, number] | undefined {
  return range ? [range[0], range[1]] : undefined;
}
