/**
 * The IoT Hub seed's API table, built from the generated client's `clientApi` the way the runtime's
 * transitional adapter builds it for generated code today. The one place the scale-out tests take it
 * from: once generated code declares its own `ApiTable`, this file imports that instead.
 */
import { clientApi } from "../../../generated/iothub/client.js";
import { apiTableFromClientApi, type ApiTable } from "../../../src/runtime/index.js";

export const iothubApi: ApiTable = apiTableFromClientApi(clientApi);
