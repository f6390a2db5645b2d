/**
 * The checks a CONNECT must pass before authentication (PROTOCOL.md A3–A5): a client id (assigned ids are
 * not supported), the API's `api-version` user property and an `Authentication Method`. Failures are Bad
 * Request CONNACKs carrying `status` and `reason` (A8: clients read them from CONNACK).
 */
import type { ClientCertificate } from "./authentication.js";
import type { IConnackPacket, IConnectPacket } from "mqtt-packet";
import type { ServerConnectInfo } from "./authentication.js";
import { firstUserProperty } from "./messages.js";
import { badRequest, failureProperties } from "./outcome.js";
import { ReasonCode } from "./reason-codes.js";

export type ConnectCheck =
  | { readonly ok: true; readonly info: ServerConnectInfo }
  | { readonly ok: false; readonly reasonCode: number; readonly properties?: IConnackPacket["properties"] };

/**
 * With `lenient`, a CONNECT that leaves out `api-version` or `Authentication Method` passes (the method is
 * then empty, for the authenticator to judge): for plain MQTT tools against a local server. A stated
 * `api-version` must still match.
 */
export function checkConnect(
  packet: IConnectPacket,
  apiVersion: string,
  transport: { readonly serverName?: string | undefined; readonly clientCertificate?: ClientCertificate | undefined },
  lenient = false,
): ConnectCheck {
  if (packet.clientId === "") return { ok: false, reasonCode: ReasonCode.ClientIdentifierNotValid };
  const userProperties = packet.properties?.userProperties ?? {};
  const stated = firstUserProperty(userProperties, "api-version");
  if (stated !== apiVersion && !(lenient && stated === undefined)) {
    return refusal(`api-version must be ${apiVersion}, got ${stated === undefined ? "none" : stated}`);
  }
  const authenticationMethod = packet.properties?.authenticationMethod ?? (lenient ? "" : undefined);
  if (authenticationMethod === undefined) return refusal("Authentication Method is required");
  const authenticationData = packet.properties?.authenticationData;
  return {
    ok: true,
    info: {
      clientId: packet.clientId,
      authenticationMethod,
      userProperties,
      reauthentication: false,
      ...(authenticationData !== undefined && { authenticationData }),
      ...(transport.serverName !== undefined && { serverName: transport.serverName }),
      ...(transport.clientCertificate !== undefined && { clientCertificate: transport.clientCertificate }),
    },
  };
}

function refusal(reason: string): ConnectCheck {
  const failure = badRequest(reason);
  const properties = failureProperties(failure);
  return { ok: false, reasonCode: failure.reasonCode, ...(properties && { properties }) };
}
