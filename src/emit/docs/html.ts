/** `docs/index.html`: the API reference as one self-contained static page, built from the model. */
import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { htmlPageView } from "./html-view.js";

export const htmlEmitter: Emitter = {
  name: "docs-html",
  emit: (model) => [
    { path: "docs/index.html", format: "html", content: renderTemplate("index.html", htmlPageView(model)) },
  ],
};
