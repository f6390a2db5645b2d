/**
 * @deprecated transitional: the entry points generated code used before the one-table emitter. They
 * build an `ApiTable` in the IoT Hub dialect and go once generated code declares its own table.
 */
export {
  apiTableFromClientApi,
  apiTableFromServerOperations,
  freezeClientApi,
  type ClientApi,
  type ClientOperation,
  type LegacyServerApi,
  type ServerOperation,
  type ServerPropertyName,
} from "./iothub-tables.js";
