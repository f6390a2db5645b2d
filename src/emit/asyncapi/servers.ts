/**
 * The AsyncAPI `servers` section from the spec's connection: where clients connect (a host pattern's
 * `{name}` parts become server variables; a spec that states no host gets a `{host}` variable), over
 * MQTT 5 with or without TLS (`secure-mqtt`, `mqtt`, `wss`, `ws` with the WebSocket path), how they
 * authenticate, the CONNECT user properties and the limits the server announces. AsyncAPI's security
 * scheme types name user name and password (`userPassword`) and TLS client certificates (`X509`); a
 * token or a shared access signature sent as MQTT 5 Authentication Data has no type of its own, so
 * those are described in the server's description, as are CONNECT user properties (the api-version among
 * them), for which AsyncAPI has no field.
 */
import type { AuthenticationModel, ConnectionModel } from "../../model.js";
import { CONNECTION_LIMITS } from "../../model.js";
import { connectedTransport, LIMIT_RULES } from "../../model-rules.js";
import type { Schema } from "./schemas.js";

/** The one server the document describes. */
export const SERVER_ID = "production";

const MQTT_BINDING_VERSION = "0.2.0";

/** Security schemes of the ways to authenticate that AsyncAPI has a type for, by id. */
export function securitySchemes(connection: ConnectionModel): Record<string, Schema> {
  return Object.fromEntries(
    connection.authentication.flatMap((authentication): [string, Schema][] => {
      switch (authentication.kind) {
        case "username-password":
          return [["userPassword", { type: "userPassword", description: "CONNECT User Name and Password." }]];
        case "x509":
          return [
            [
              "x509",
              {
                type: "X509",
                description: `A TLS client certificate${authentication.method === undefined ? "" : `; CONNECT names it as Authentication Method \`${authentication.method}\``}.`,
              },
            ],
          ];
        default:
          return [];
      }
    }),
  );
}

export function serverObject(connection: ConnectionModel, security: Record<string, Schema>): Schema {
  const endpoint = connection.endpoint;
  const { tls, port } = connectedTransport(endpoint);
  const hostPattern = endpoint?.host ?? "{host}";
  const variables = [...hostPattern.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? "");
  const websocket = endpoint?.websocketPath;
  const maximumPacketSize = connection.limits.maximumPacketSize;
  return {
    host: `${hostPattern}:${port}`,
    protocol: websocket === undefined ? (tls ? "secure-mqtt" : "mqtt") : tls ? "wss" : "ws",
    protocolVersion: "5",
    ...(websocket === undefined ? {} : { pathname: websocket }),
    description: serverDescription(connection, endpoint?.host === undefined, endpoint?.tls === undefined),
    ...(variables.length === 0
      ? {}
      : {
          variables: Object.fromEntries(
            variables.map((name) => [name, { description: endpoint?.host === undefined ? "The server's host name; the spec states none." : `The \`${name}\` part of the host name.` }]),
          ),
        }),
    ...(Object.keys(security).length === 0 ? {} : { security: Object.keys(security).map((id) => ({ $ref: `#/components/securitySchemes/${id}` })) }),
    bindings: {
      mqtt: { ...(maximumPacketSize === undefined ? {} : { maximumPacketSize }), bindingVersion: MQTT_BINDING_VERSION },
    },
  };
}

const AUTHENTICATION_TEXT: Record<AuthenticationModel["kind"], (method: string) => string> = {
  none: () => "no credentials",
  "username-password": () => "CONNECT User Name and Password",
  token: (method) => `a token as MQTT 5 Authentication Data under Authentication Method \`${method}\``,
  sas: (method) => `a shared access signature as MQTT 5 Authentication Data under Authentication Method \`${method}\``,
  x509: (method) => `a TLS client certificate${method === "" ? "" : ` (Authentication Method \`${method}\`)`}`,
};

function serverDescription(connection: ConnectionModel, hostUnstated: boolean, tlsUnstated: boolean): string {
  const ways = connection.authentication.map((a) => AUTHENTICATION_TEXT[a.kind]("method" in a ? (a.method ?? "") : ""));
  const properties = connection.userProperties.map(
    (p) => `\`${p.name}\` (${p.type}${p.required ? ", required" : ""}${p.value === undefined ? "" : `, always \`${p.value}\``})`,
  );
  const limits = CONNECTION_LIMITS.flatMap((key) => {
    const value = connection.limits[key];
    return value === undefined ? [] : [`${LIMIT_RULES[key].label} ${value}`];
  });
  return [
    `MQTT 5${hostUnstated ? "; the spec states no host" : ""}${tlsUnstated ? "; TLS, the generated client's default" : ""}.`,
    `Clients authenticate with ${ways.length === 0 ? "no credentials" : ways.join(", or ")}.`,
    properties.length === 0 ? "" : `CONNECT carries the user properties ${properties.join(", ")}.`,
    limits.length === 0 ? "" : `The server announces: ${limits.join(", ")}.`,
  ]
    .filter((line) => line !== "")
    .join(" ");
}
