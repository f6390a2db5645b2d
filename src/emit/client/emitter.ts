import { renderTemplate } from "../render.js";
import type { Emitter } from "../types.js";
import { clientFileView } from "./view-model.js";

/** `client.ts`: the typed device client, a thin layer of types and one-call methods over the runtime's `DeviceClient`. */
export const clientEmitter: Emitter = {
  name: "client",
  emit: (model, context) => [
    { path: "client.ts", format: "typescript", content: renderTemplate("client.ts", clientFileView(model, context.specName)) },
  ],
};
