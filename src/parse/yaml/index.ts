/**
 * The YAML front end: reads the YAML IDL (FORMAT.md, schema in api.schema.json) into the operations
 * model. The same API in markdown and in YAML gives deep-equal models, source spans aside.
 */
import { LineCounter, parseDocument } from "yaml";
import { DiagnosticCollector, LIMITS } from "../../diagnostics.js";
import type { ApiModel } from "../../model.js";
import { parsedSpec, type ParsedSpec } from "../common.js";
import { tooDeepNode } from "./depth.js";
import { readApi } from "./read-api.js";
import { YamlReader } from "./reader.js";

export { modelToYaml } from "./write.js";

/**
 * Parses a YAML spec. Never throws: malformed YAML is reported as `yaml-syntax` (and nothing else, as
 * the structure cannot be trusted); otherwise every missing, unknown or malformed field is reported at
 * once, with 1-based line and column, and `value` is `undefined` when any of them is an error.
 */
export function parseYamlSpec(text: string, file: string, diagnostics = new DiagnosticCollector(file)): ParsedSpec {
  return parsedSpec(readYamlSpec(text, diagnostics), diagnostics);
}

function readYamlSpec(text: string, diagnostics: DiagnosticCollector): ApiModel | undefined {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { start: { line, column: col }, end: { line, column: col } };
  };
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      // The yaml library stops at the stack's limit and says so; that is nesting past ours.
      if (error.code === "RESOURCE_EXHAUSTION") {
        diagnostics.report({ code: "nesting-too-deep", messageId: "yaml", format: { limit: LIMITS.nesting }, at: at(error.pos[0]) });
      } else {
        diagnostics.report({ code: "yaml-syntax", format: { problem: error.message }, at: at(error.pos[0]) });
      }
    }
    return undefined;
  }
  const deep = tooDeepNode(document.contents);
  if (deep !== undefined) {
    diagnostics.report({ code: "nesting-too-deep", messageId: "yaml", format: { limit: LIMITS.nesting }, at: at(deep) });
    return undefined;
  }
  if (document.contents === null) {
    diagnostics.report({ code: "invalid-field", messageId: "empty-file", at: at(0) });
    return undefined;
  }
  return readApi(new YamlReader(diagnostics, document, lines), document.contents);
}
