/** The IoT Hub seed's API table, as generated/iothub/api.ts declares it: the one place the scale-out tests take it from. */
export { iothubApi } from "../../../generated/iothub/api.js";
