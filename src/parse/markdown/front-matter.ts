/**
 * Front matter of the reference (PROTOCOL.md Q1): a YAML mapping whose keys are indented by one space,
 * which is valid YAML, so the yaml library reads it as written. Values are kept as their source strings
 * (`ms.date: 11/19/2020`, `version: 2.0` stays `2.0`).
 */
import type { Yaml } from "mdast";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { SourcePoint, SourceSpan } from "../../model.js";
import type { MarkdownContext } from "./context.js";
import { spanOf } from "./mdast.js";

export function readFrontMatter(node: Yaml, context: MarkdownContext): Record<string, string> {
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
  if (document.errors.length > 0) return {};
  if (document.contents === null) return {};
  if (!isMap(document.contents)) {
    context.diagnostics.report({ code: "invalid-front-matter", messageId: "not-mapping", at: at(range2(document.contents.range)) });
    return {};
  }

  const entries: Record<string, string> = {};
  for (const pair of document.contents.items) {
    const { key, value } = pair;
    if (!isScalar(key)) {
      context.diagnostics.report({ code: "invalid-front-matter", messageId: "key-not-scalar", at: spanOf(node) });
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
  return entries;
}

function range2(range: readonly [number, number, number] | null | undefined): [number, number] | undefined {
  return range ? [range[0], range[1]] : undefined;
}
