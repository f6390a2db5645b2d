/**
 * `docs/reference.md`: the API reference in the seed's markdown layout, so a docs site that publishes the
 * seed can publish it, and `parseMarkdownSpec` reads it back as the model it came from.
 */
import type { ApiModel } from "../../model.js";
import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { referenceView } from "./reference-view.js";

/** The model as reference markdown; `mqttgen convert SPEC --to markdown` prints it. */
export function modelToMarkdown(model: ApiModel): string {
  return renderTemplate("reference.md", referenceView(model));
}

export const referenceEmitter: Emitter = {
  name: "docs-reference",
  emit: (model) => [{ path: "docs/reference.md", format: "markdown", content: modelToMarkdown(model) }],
};
