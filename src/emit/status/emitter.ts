import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { statusFileView } from "./view-model.js";

/** `status.ts`: the status catalog, a parser for received statuses and one error class per failing status. */
export const statusEmitter: Emitter = {
  name: "status",
  emit: (model) => [{ path: "status.ts", format: "typescript", content: renderTemplate("status.ts", statusFileView(model)) }],
};
