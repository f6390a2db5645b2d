/**
 * CONNECT and AUTH properties (PROTOCOL.md A3–A9): the dash-case user properties, the Authentication
 * Method, and for SAS the raw HMAC digest as Authentication Data, signed over the same decimal times that
 * travel as `sas-at` / `sas-expiry`.
 */
import type { IAuthPacket, IConnectPacket } from "mqtt-packet";
import { signSas } from "../sas.js";

/** SAS: the base64 device (or policy) key signs each CONNECT and AUTH (A6). */
export interface SasCredentials {
  readonly method: "SAS";
  /** Base64 device key, or the policy key when `policy` is set. */
  readonly key: string;
  /** Shared access policy name; `sas-policy` is sent only when set (A4). */
  readonly policy?: string;
  /** How long each signature is valid; 40 minutes by default, as the sample does (A6). */
  readonly lifetimeMs?: number;
}

/** X509: the TLS client certificate authenticates; no Authentication Data is sent (A7). */
export interface X509Credentials {
  readonly method: "X509";
  readonly cert: string | Buffer;
  /** The certificate's private key, unencrypted. */
  readonly key: string | Buffer;
}

/**
 * No IoT Hub authentication: CONNECT carries no Authentication Method. For plain MQTT 5 brokers (e.g.
 * Mosquitto in tests), which refuse an Authentication Method they do not know; IoT Hub itself refuses
 * such a CONNECT (A4).
 */
export interface NoCredentials {
  readonly method: "none";
}

export type Credentials = SasCredentials | X509Credentials | NoCredentials;

/** Who connects: everything that goes into CONNECT besides the MQTT.js transport options. */
export interface ConnectIdentity {
  readonly apiVersion: string;
  /** The hub host name: sent as `host` (always, O11) and the first line of the string to sign. */
  readonly host: string;
  readonly clientId: string;
  readonly credentials: Credentials;
  /** Free text sent as `client-agent`, e.g. `mqttgen;linux`. */
  readonly clientAgent?: string;
}

export const DEFAULT_SAS_LIFETIME_MS = 40 * 60 * 1000;

/** Session Expiry asked for in CONNECT: "never", so Session Present can be honoured (O8, H38). */
export const SESSION_EXPIRY_NEVER = 0xffff_ffff;

type ConnectProperties = NonNullable<IConnectPacket["properties"]>;

/** The properties of a CONNECT sent at `nowMs`, in the order of the table in A4. */
export function connectProperties(identity: ConnectIdentity, nowMs: number): ConnectProperties {
  const { credentials } = identity;
  const userProperties: Record<string, string> = {
    "api-version": identity.apiVersion,
    host: identity.host,
  };
  const properties: ConnectProperties = {
    sessionExpiryInterval: SESSION_EXPIRY_NEVER,
    userProperties,
  };
  if (credentials.method !== "none") properties.authenticationMethod = credentials.method;
  if (credentials.method === "SAS") {
    const signature = sasSignature(identity, credentials, nowMs);
    userProperties["sas-at"] = signature.at;
    userProperties["sas-expiry"] = signature.expiry;
    if (credentials.policy !== undefined) userProperties["sas-policy"] = credentials.policy;
    properties.authenticationData = signature.digest;
  }
  if (identity.clientAgent !== undefined) userProperties["client-agent"] = identity.clientAgent;
  return properties;
}

/**
 * The AUTH packet that re-authenticates a SAS connection (A9, O7): Reason Code 0x19, the same method, a
 * new digest signed with the same host, client id and policy, and only `sas-at` / `sas-expiry`.
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
      authenticationMethod: "SAS",
      authenticationData: signature.digest,
      userProperties: {
        "sas-at": signature.at,
        "sas-expiry": signature.expiry,
      },
    },
  };
}

export function sasLifetimeMs(credentials: SasCredentials): number {
  return credentials.lifetimeMs ?? DEFAULT_SAS_LIFETIME_MS;
}

function sasSignature(identity: ConnectIdentity, credentials: SasCredentials, nowMs: number) {
  const at = String(nowMs);
  const expiry = String(nowMs + sasLifetimeMs(credentials));
  const digest = signSas(credentials.key, {
    host: identity.host,
    clientId: identity.clientId,
    ...(credentials.policy === undefined ? {} : { policy: credentials.policy }),
    at,
    expiry,
  });
  return { at, expiry, digest };
}
