/**
 * The one place that decides which module specifiers generated code imports the runtime from. `api.ts`
 * imports only the shared part, `client.ts` the shared and client parts, `server.ts` the shared and server
 * parts; nothing on the client path names server code or `node:` modules. Today one entry serves all three.
 */
export const RUNTIME_SHARED = "mqttgen/runtime";
export const RUNTIME_CLIENT = "mqttgen/runtime";
export const RUNTIME_SERVER = "mqttgen/runtime";
