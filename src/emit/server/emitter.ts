import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { serverFileView } from "./view-model.js";

/** `server.ts`: typed handlers and server→client calls over the runtime's `MqttServerEndpoint`. */
export const serverEmitter: Emitter = {
  name: "server",
  emit: (model, context) => [
    { path: "server.ts", format: "typescript", content: renderTemplate("server.ts", serverFileView(model, context.specName)) },
  ],
};
