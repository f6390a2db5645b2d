/**
 * `asyncapi.yaml`: the AsyncAPI 3.0 document of the API. Serialised with the `yaml` package's
 * `stringify`, used purely as a serializer (no parsing happens in the emit stage), with options that
 * match prettier's YAML layout: no line folding, two-space indentation, double-quoted strings.
 */
import { stringify } from "yaml";
import type { Emitter } from "../types.js";
import { asyncApiDocument } from "./document.js";

export const asyncApiEmitter: Emitter = {
  name: "asyncapi",
  emit: (model) => [
    {
      path: "asyncapi.yaml",
      format: "yaml",
      content: stringify(asyncApiDocument(model), { lineWidth: 0, indent: 2, indentSeq: true, aliasDuplicateObjects: false }),
    },
  ],
};
