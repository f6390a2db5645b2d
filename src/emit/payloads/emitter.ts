import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { payloadsFileView } from "./view-model.js";

/** `payloads.ts`: a type per named payload type, from its JSON Schema, shared by client and server. */
export const payloadsEmitter: Emitter = {
  name: "payloads",
  emit: (model) => [{ path: "payloads.ts", format: "typescript", content: renderTemplate("payloads.ts", payloadsFileView(model)) }],
};
