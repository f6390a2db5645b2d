/**
 * The checks a CONNECT must pass before authentication, from the API table's connection requirements
 * (docs/protocol.md#connection, #connect-properties for IoT Hub): a client id (assigned ids are not supported), every required CONNECT
 * user property, each fixed one with its value (IoT Hub's `api-version`), and an Authentication Method
 * when every way the API accepts needs one. Failures are the API's bad-request outcome on the CONNACK
 * (A8: clients read the status and reason from CONNACK).
 */
import type { IConnackPacket, IConnectPacket } from "mqtt-packet";
import type { ApiTable } from "../api-table.js";
import { conditionFailure, outcomeProperties } from "../dialect/outcome.js";
import type { ClientCertificate, ServerConnectInfo } from "./authentication.js";
import { firstUserProperty } from "./messages.js";
import { ReasonCode } from "./reason-codes.js";

export type ConnectCheck =
  | { readonly ok: true; readonly info: ServerConnectInfo }
  | { readonly ok: false; readonly reasonCode: number; readonly properties?: IConnackPacket["properties"] };

/**
 * With `lenient`, a CONNECT that leaves out a required property or the Authentication Method passes (the
 * method is then empty, for the authenticator to judge): for plain MQTT tools against a local server. A
 * fixed property that is stated must still have its value.
 */
export function checkConnect(
  api: ApiTable,
  packet: IConnectPacket,
  transport: { readonly serverName?: string | undefined; readonly clientCertificate?: ClientCertificate | undefined },
  lenient = false,
): ConnectCheck {
  if (packet.clientId === "") return { ok: false, reasonCode: ReasonCode.ClientIdentifierNotValid };
  const userProperties = packet.properties?.userProperties ?? {};
  for (const { name, required, value } of api.connection.userProperties) {
    const stated = firstUserProperty(userProperties, name);
    if (stated === undefined ? required && !lenient : value !== undefined && stated !== value) {
      return refusal(
        api,
        value === undefined ? `${name} is required` : `${name} must be ${value}, got ${stated ?? "none"}`,
      );
    }
  }
  const stated = packet.properties?.authenticationMethod;
  if (stated === undefined && !lenient && requiresMethod(api)) return refusal(api, "Authentication Method is required");
  const authenticationData = packet.properties?.authenticationData;
  return {
    ok: true,
    info: {
      clientId: packet.clientId,
      authenticationMethod: stated ?? "",
      userProperties,
      reauthentication: false,
      ...(packet.username !== undefined && { username: packet.username }),
      ...(packet.password !== undefined && { password: packet.password }),
      ...(authenticationData !== undefined && { authenticationData }),
      ...(transport.serverName !== undefined && { serverName: transport.serverName }),
      ...(transport.clientCertificate !== undefined && { clientCertificate: transport.clientCertificate }),
    },
  };
}

/** True when every accepted way to authenticate travels under an Authentication Method. */
function requiresMethod(api: ApiTable): boolean {
  const { authentication } = api.connection;
  return (
    authentication.length > 0 &&
    authentication.every(
      (spec) => spec.kind === "sas" || spec.kind === "token" || (spec.kind === "x509" && spec.method !== undefined),
    )
  );
}

function refusal(api: ApiTable, reason: string): ConnectCheck {
  const failure = conditionFailure(api, "badRequest", reason);
  const properties = outcomeProperties(api.dialect, failure, true);
  return { ok: false, reasonCode: failure.reasonCode, ...(properties && { properties }) };
}
