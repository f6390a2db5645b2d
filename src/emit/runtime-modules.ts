/**
 * The one place that decides which module specifiers generated code imports the runtime from. `api.ts`
 * imports only the shared part, `client.ts` the shared and client parts, `server.ts` the shared and server
 * parts; nothing on the client path names server code or `node:` modules. The entries are those of the @mqttgen/runtime package (packages/runtime).
 */
export const RUNTIME_SHARED = "@mqttgen/runtime";
export const RUNTIME_CLIENT = "@mqttgen/runtime/client";
export const RUNTIME_SERVER = "@mqttgen/runtime/server";
