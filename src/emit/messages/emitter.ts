import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { messagesFileView } from "./view-model.js";

/** `messages.ts`: every message's property table, declared once and imported by `client.ts` and `server.ts`. */
export const messagesEmitter: Emitter = {
  name: "messages",
  emit: (model) => [{ path: "messages.ts", format: "typescript", content: renderTemplate("messages.ts", messagesFileView(model)) }],
};
