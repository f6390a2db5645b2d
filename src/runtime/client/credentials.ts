/**
 * What CONNECT carries (docs/protocol.md#connection, #connect-properties, #sas, #x509, #connack, #re-authentication for IoT Hub): the CONNECT user properties the API table declares
 * (fixed values such as IoT Hub's `api-version` from the table, the others from the application), and the
 * credentials: none, user name and password, a token sent as MQTT 5 Authentication Data under the API's
 * method, IoT Hub's SAS (a fresh HMAC digest per CONNECT and AUTH, signed over the same decimal times that
 * travel as `sas-at` / `sas-expiry`), or a TLS client certificate.
 */
import { Buffer } from "buffer";
import type { IAuthPacket, IConnectPacket } from "mqtt-packet";
import type { ApiTable, AuthenticationSpec } from "../api-table.js";
import { signSas, SAS_PROPERTIES } from "../sas.js";

/** SAS: the base64 device key signs each CONNECT and AUTH (A6). */
export interface SasCredentials {
  readonly method: "SAS";
  /** Base64 device key, or the policy key when `policy` is set. */
  readonly key: string;
  /** Shared access policy name; `sas-policy` is sent only when set (A4). */
  readonly policy?: string;
  /** How long each signature is valid; 40 minutes by default, as the sample does (A6). */
  readonly lifetimeMs?: number;
}

/** X509: the TLS client certificate authenticates; the API's method, if it has one, names it (A7). */
export interface X509Credentials {
  readonly method: "X509";
  readonly cert: string | Buffer;
  /** The certificate's private key, unencrypted. */
  readonly key: string | Buffer;
}

/**
 * No credentials: CONNECT carries no Authentication Method, user name or password. For APIs that need
 * none, and for plain MQTT 5 brokers (Mosquitto in tests), which refuse an Authentication Method they do
 * not know.
 */
export interface NoCredentials {
  readonly method: "none";
}

/** CONNECT User Name and Password (MQTT 5 §3.1.3.5–6). */
export interface UsernamePasswordCredentials {
  readonly method: "username-password";
  readonly username: string;
  readonly password?: string | Buffer;
}

/**
 * A token as MQTT 5 Authentication Data under the API's token method, in one step (no AUTH exchange). A
 * function is asked again for every CONNECT, so reconnections carry a fresh token.
 */
export interface TokenCredentials {
  readonly method: "token";
  readonly token: string | Uint8Array | (() => string | Uint8Array);
}

export type Credentials =
  SasCredentials | X509Credentials | NoCredentials | UsernamePasswordCredentials | TokenCredentials;

/** Who connects: everything that goes into CONNECT besides the MQTT.js transport options. */
export interface ConnectIdentity {
  readonly clientId: string;
  readonly credentials: Credentials;
  /** The server's host name, which a SAS signs (A6). */
  readonly host: string | undefined;
  /** The API's CONNECT user properties, fixed values included, in the order they are written. */
  readonly userProperties: readonly { readonly name: string; readonly value: string | undefined }[];
  /** The Authentication Method the credentials are sent under, from the API table. */
  readonly authenticationMethod: string | undefined;
}

export const DEFAULT_SAS_LIFETIME_MS = 40 * 60 * 1000;

/** Session Expiry asked for in CONNECT: "never", so Session Present can be honoured (O8, H38). */
export const SESSION_EXPIRY_NEVER = 0xffff_ffff;

type ConnectProperties = NonNullable<IConnectPacket["properties"]>;

/**
 * Resolves what CONNECT will carry: the table's properties with their fixed values or the application's
 * (`given`, by wire name, which may add properties the table does not list), and the Authentication
 * Method for the credentials. Throws `TypeError` for a required property nobody gives, or credentials
 * that need a method the API does not define.
 */
export function connectIdentity(
  api: ApiTable,
  clientId: string,
  credentials: Credentials,
  host: string | undefined,
  given: Readonly<Record<string, string>> = {},
): ConnectIdentity {
  const produced = credentials.method === "SAS" ? new Set<string>(SAS_PROPERTIES) : new Set<string>();
  const userProperties = api.connection.userProperties.map(({ name, required, value }) => {
    const chosen = value ?? (Object.hasOwn(given, name) ? given[name] : undefined);
    if (required && chosen === undefined && !produced.has(name)) {
      throw new TypeError(`${api.title} requires the CONNECT user property ${name}: give it in connectProperties`);
    }
    return { name, value: chosen };
  });
  const declared = new Set(userProperties.map((property) => property.name));
  for (const [name, value] of Object.entries(given)) if (!declared.has(name)) userProperties.push({ name, value });
  return { clientId, credentials, host, userProperties, authenticationMethod: methodFor(api, credentials) };
}

/** The Authentication Method of the credentials, from the table's matching authentication kind. */
function methodFor(api: ApiTable, credentials: Credentials): string | undefined {
  const find = <K extends AuthenticationSpec["kind"]>(kind: K) =>
    api.connection.authentication.find((spec): spec is Extract<AuthenticationSpec, { kind: K }> => spec.kind === kind);
  switch (credentials.method) {
    case "SAS": {
      const sas = find("sas");
      if (sas === undefined) throw new TypeError(`${api.title} does not accept SAS credentials`);
      return sas.method;
    }
    case "token": {
      const token = find("token");
      if (token === undefined) throw new TypeError(`${api.title} does not accept token credentials`);
      return token.method;
    }
    case "X509":
      return find("x509")?.method;
    default:
      return undefined;
  }
}

/** The properties (and user name and password) of a CONNECT sent at `nowMs`, user properties in table order. */
export function connectPacketFields(
  identity: ConnectIdentity,
  nowMs: number,
): { properties: ConnectProperties; username?: string; password?: string | Buffer } {
  const { credentials } = identity;
  const signature = credentials.method === "SAS" ? sasSignature(identity, credentials, nowMs) : undefined;
  const sasValues: Readonly<Record<string, string | undefined>> =
    signature === undefined
      ? {}
      : {
          [SAS_PROPERTIES[0]]: signature.at,
          [SAS_PROPERTIES[1]]: signature.expiry,
          [SAS_PROPERTIES[2]]: signature.policy,
        };
  const userProperties: Record<string, string> = {};
  for (const { name, value } of identity.userProperties) {
    const text = value ?? sasValues[name];
    if (text !== undefined) userProperties[name] = text;
  }
  for (const [name, value] of Object.entries(sasValues)) {
    if (value !== undefined && !(name in userProperties)) userProperties[name] = value;
  }
  const properties: ConnectProperties = { sessionExpiryInterval: SESSION_EXPIRY_NEVER };
  if (Object.keys(userProperties).length > 0) properties.userProperties = userProperties;
  if (identity.authenticationMethod !== undefined) properties.authenticationMethod = identity.authenticationMethod;
  if (signature !== undefined) properties.authenticationData = signature.digest;
  if (credentials.method === "token") properties.authenticationData = tokenBytes(credentials);
  if (credentials.method !== "username-password") return { properties };
  const { username, password } = credentials;
  // As given: a browser bundle's MQTT.js carries its own Buffer, which does not take ours for one.
  return { properties, username, ...(password !== undefined && { password }) };
}

/**
 * The AUTH packet that re-authenticates a SAS connection (A9, O7): Reason Code 0x19, the same method, a
 * new digest signed with the same host, client id and policy, and only the SAS times.
 */
export function reauthenticationPacket(
  identity: ConnectIdentity,
  credentials: SasCredentials,
  nowMs: number,
): IAuthPacket {
  const signature = sasSignature(identity, credentials, nowMs);
  return {
    cmd: "auth",
    reasonCode: 0x19,
    properties: {
      ...(identity.authenticationMethod !== undefined && { authenticationMethod: identity.authenticationMethod }),
      authenticationData: signature.digest,
      userProperties: { [SAS_PROPERTIES[0]]: signature.at, [SAS_PROPERTIES[1]]: signature.expiry },
    },
  };
}

export function sasLifetimeMs(credentials: SasCredentials): number {
  return credentials.lifetimeMs ?? DEFAULT_SAS_LIFETIME_MS;
}

function sasSignature(identity: ConnectIdentity, credentials: SasCredentials, nowMs: number) {
  if (identity.host === undefined) throw new TypeError("SAS credentials need the host name they sign");
  const at = String(nowMs);
  const expiry = String(nowMs + sasLifetimeMs(credentials));
  const digest = signSas(credentials.key, {
    host: identity.host,
    clientId: identity.clientId,
    ...(credentials.policy === undefined ? {} : { policy: credentials.policy }),
    at,
    expiry,
  });
  return { at, expiry, policy: credentials.policy, digest };
}

function tokenBytes(credentials: TokenCredentials): Buffer {
  const token = typeof credentials.token === "function" ? credentials.token() : credentials.token;
  return typeof token === "string" ? Buffer.from(token, "utf8") : Buffer.from(token);
}
