/**
 * The YAML front end: reads the YAML IDL (FORMAT.md, schema in api.schema.json) into the operations
 * model. The same API in markdown and in YAML gives deep-equal models, source spans aside.
 */
import { LineCounter, parseDocument } from "yaml";
import { diagnostic, hasErrors, type Diagnostic, type Result } from "../../diagnostics.js";
import type { ApiModel } from "../../model.js";
import { readApi } from "./read-api.js";
import { YamlReader } from "./reader.js";

export { modelToYaml } from "./write.js";

/**
 * Parses a YAML spec. Never throws: malformed YAML is reported as `yaml-syntax` (and nothing else, as
 * the structure cannot be trusted); otherwise every missing, unknown or malformed field is reported at
 * once, with 1-based line and column, and `value` is `undefined` when any of them is an error.
 */
export function parseYamlSpec(text: string, file: string): Result<ApiModel> {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    const diagnostics: Diagnostic[] = document.errors.map((error) => {
      const start = lines.linePos(error.pos[0]);
      const end = lines.linePos(error.pos[1]);
      const at = { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
      return diagnostic("yaml-syntax", error.message, file, at);
    });
    return { value: undefined, diagnostics };
  }
  if (document.contents === null) {
    const start = { line: 1, column: 1 };
    const empty = diagnostic(
      "invalid-field",
      "the file is empty: a spec is a mapping that starts with `mqttgen: 1`",
      file,
      { start, end: start },
    );
    return { value: undefined, diagnostics: [empty] };
  }
  const reader = new YamlReader(file, document, lines);
  const model = readApi(reader, document.contents);
  return { value: hasErrors(reader.diagnostics) ? undefined : model, diagnostics: reader.diagnostics };
}
