/**
 * The module specifiers generated code imports the runtime by (the `@mqttgen/runtime` package): the one
 * place that decides them. `api.ts`, `status.ts` and `messages.ts` import the shared entry, `client.ts` the
 * client entry, `server.ts` the server entry; each side entry also carries the shared surface.
 */
export const RUNTIME_SHARED = "@mqttgen/runtime";
export const RUNTIME_CLIENT = "@mqttgen/runtime/client";
export const RUNTIME_SERVER = "@mqttgen/runtime/server";
