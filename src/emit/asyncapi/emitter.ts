/**
 * `asyncapi.yaml`: the AsyncAPI 3.0 document of the API. Serialised with the `yaml` package used purely
 * as a serializer (nothing is parsed in the emit stage), laid out as prettier prints YAML: no line
 * folding, two-space indentation, and prettier's quote choice (a string holding `"` and no escape goes
 * in single quotes, any other quoted string in double quotes).
 */
import { Document, Scalar, visit } from "yaml";
import type { Emitter } from "../types.js";
import { asyncApiDocument } from "./document.js";

export const asyncApiEmitter: Emitter = {
  name: "asyncapi",
  emit: (model) => [{ path: "asyncapi.yaml", format: "yaml", content: toYaml(asyncApiDocument(model)) }],
};

function toYaml(value: unknown): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && node.value.includes('"') && !/[\\\x00-\x1f\x7f]/.test(node.value)) {
        node.type = Scalar.QUOTE_SINGLE;
      }
    },
  });
  return document.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}
