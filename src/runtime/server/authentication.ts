/**
 * Authentication of CONNECT and of AUTH re-authentication (docs/protocol.md#connect-properties, #sas, #re-authentication): a hook that accepts or
 * rejects, and ready verifiers for the ways an API table may accept: user name and password, a token as
 * Authentication Data, IoT Hub's SAS over per-device (and optionally per-policy) keys, and X.509 client
 * certificates. A refusal with 0x87 and no status gets the API's not-authorized status, where it has one.
 */
import { timingSafeEqual } from "node:crypto";
import { SAS_PROPERTIES, signSas, type SasFields } from "../sas.js";
import { firstUserProperty, type ServerUserProperties } from "./messages.js";
import { ReasonCode } from "./reason-codes.js";

/** What an authenticator sees of a CONNECT (or of an AUTH 0x19 merged onto it). */
export interface ServerConnectInfo {
  readonly clientId: string;
  /** The CONNECT's Authentication Method; empty when it has none. */
  readonly authenticationMethod: string;
  readonly authenticationData?: Buffer;
  /** CONNECT user properties; on re-authentication, overlaid with the AUTH packet's (`sas-at`, `sas-expiry`). */
  readonly userProperties: ServerUserProperties;
  /** CONNECT User Name and Password, when sent. */
  readonly username?: string;
  readonly password?: Buffer;
  /** TLS SNI host name, when the connection is TLS and the client sent one (A6: it signs as `host`). */
  readonly serverName?: string;
  /** The client's TLS certificate, present only when TLS verified it against the endpoint's CAs (A7). */
  readonly clientCertificate?: ClientCertificate;
  /** True when the client re-authenticates with AUTH 0x19 (A9). */
  readonly reauthentication: boolean;
}

/** What X.509 authentication reads of a verified client certificate. */
export interface ClientCertificate {
  /** The subject's common name: the device id for CA-signed device certificates. */
  readonly commonName?: string;
  /** SHA-256 fingerprint, `AA:BB:…`, for self-signed certificates registered by thumbprint. */
  readonly fingerprint256: string;
}

export type ServerAuthVerdict =
  | {
      readonly accepted: true;
      /** Epoch ms when the credential lapses: the connection then gets DISCONNECT 0x87 unless re-authenticated (A10). */
      readonly expiresAt?: number;
    }
  | {
      readonly accepted: false;
      readonly reasonCode: number;
      /** Sent as the CONNACK's status and reason, as the API's dialect carries them (A8). */
      readonly status?: string;
      readonly reason?: string;
      /** Logged by the endpoint, never sent: why a credential was refused is not the client's business. */
      readonly detail?: string;
    };

export type ServerAuthenticator = (info: ServerConnectInfo) => ServerAuthVerdict | Promise<ServerAuthVerdict>;

export function acceptConnection(expiresAt?: number): ServerAuthVerdict {
  return expiresAt === undefined ? { accepted: true } : { accepted: true, expiresAt };
}

export function rejectConnection(
  reasonCode: number,
  outcome: { status?: string; reason?: string; detail?: string } = {},
): ServerAuthVerdict {
  return { accepted: false, reasonCode, ...outcome };
}

export interface SasAuthenticatorOptions {
  /** Base64 device keys by client id (`device` or `device/module`). */
  readonly deviceKeys: Readonly<Record<string, string>>;
  /** Base64 shared access policy keys by policy name, for clients that send `sas-policy`. */
  readonly policyKeys?: Readonly<Record<string, string>>;
  /** The Authentication Method SAS travels under; `SAS` (A4) by default. */
  readonly method?: string;
  /** Clock in epoch ms; injectable for tests. */
  readonly now?: () => number;
}

/** Constant-time check of received Authentication Data against the digest the key gives. */
function verifySas(base64Key: string, fields: SasFields, authenticationData: Uint8Array): boolean {
  const expected = signSas(base64Key, fields);
  return authenticationData.length === expected.length && timingSafeEqual(expected, authenticationData);
}

/** Why a credential was refused is logged, never sent: not the client's business (IoT Hub's 0101 allows no reason, F30). */
const notAuthorized = (detail: string): ServerAuthVerdict => rejectConnection(ReasonCode.NotAuthorized, { detail });

const otherMethod = (info: ServerConnectInfo): ServerAuthVerdict =>
  rejectConnection(ReasonCode.BadAuthenticationMethod, {
    detail: `method ${JSON.stringify(info.authenticationMethod)}`,
  });

/**
 * Verifies IoT Hub's SAS (A6): the raw HMAC-SHA256 over the five-line string built from the `host`
 * property (or the SNI name), the client id, `sas-policy`, `sas-at` and `sas-expiry`, keyed by the policy
 * key when `sas-policy` is sent and the device key otherwise. An expired or missing `sas-expiry` fails.
 * Failures are `0x87` (with the API's not-authorized status), except another method (`0x8C`).
 */
export function createSasAuthenticator(options: SasAuthenticatorOptions): ServerAuthenticator {
  const now = options.now ?? Date.now;
  const method = options.method ?? "SAS";
  const [atProperty, expiryProperty, policyProperty] = SAS_PROPERTIES;
  return (info) => {
    if (info.authenticationMethod !== method) return otherMethod(info);
    const property = (name: string): string | undefined => firstUserProperty(info.userProperties, name);
    const expiry = property(expiryProperty);
    const host = property("host") ?? info.serverName;
    const policy = property(policyProperty);
    const key = policy === undefined ? lookup(options.deviceKeys, info.clientId) : lookup(options.policyKeys, policy);
    if (expiry === undefined || !/^\d+$/.test(expiry)) return notAuthorized("sas-expiry missing or not epoch ms");
    if (Number(expiry) <= now()) return notAuthorized("SAS expired");
    if (host === undefined || key === undefined || info.authenticationData === undefined) {
      return notAuthorized("unknown client, policy or host");
    }
    const fields = { host, clientId: info.clientId, policy: policy ?? "", at: property(atProperty) ?? "", expiry };
    if (!verifySas(key, fields, info.authenticationData)) return notAuthorized("signature mismatch");
    return acceptConnection(Number(expiry));
  };
}

export interface X509AuthenticatorOptions {
  /** The Authentication Method the certificate travels under: IoT Hub's `X509` (A7) by default; `""` for none. */
  readonly method?: string;
  /**
   * SHA-256 fingerprints by client id, for self-signed device certificates. Without it a certificate
   * authenticates the client id that is its subject's common name (CA-signed certificates).
   */
  readonly fingerprints?: Readonly<Record<string, string>>;
}

/**
 * Verifies a TLS client certificate (A7): TLS has already checked the certificate chain (the endpoint's
 * `tls` options need `requestCert` and `ca`); this checks that the certificate names the client id.
 * Failures are `0x87` (with the API's not-authorized status); another method is `0x8C`.
 */
export function createX509Authenticator(options: X509AuthenticatorOptions = {}): ServerAuthenticator {
  const method = options.method ?? "X509";
  return (info) => {
    if (info.authenticationMethod !== method) return otherMethod(info);
    const certificate = info.clientCertificate;
    if (certificate === undefined) return notAuthorized("no verified client certificate");
    const expected = options.fingerprints === undefined ? undefined : lookup(options.fingerprints, info.clientId);
    if (options.fingerprints !== undefined) {
      return expected !== undefined && expected.toUpperCase() === certificate.fingerprint256.toUpperCase()
        ? acceptConnection()
        : notAuthorized("certificate fingerprint does not match the client id");
    }
    return certificate.commonName === info.clientId
      ? acceptConnection()
      : notAuthorized("certificate names another client");
  };
}

export interface UsernamePasswordAuthenticatorOptions {
  /** Passwords by user name. */
  readonly passwords: Readonly<Record<string, string>>;
  /** Also require the user name to be the client id, so that a password vouches for one client only. */
  readonly usernameIsClientId?: boolean;
}

/**
 * Verifies CONNECT User Name and Password (MQTT 5 §3.1.3.5–6), compared in constant time. Failures are
 * `0x86` Bad User Name or Password; an Authentication Method is `0x8C` (this is not enhanced authentication).
 */
export function createUsernamePasswordAuthenticator(
  options: UsernamePasswordAuthenticatorOptions,
): ServerAuthenticator {
  return (info) => {
    if (info.authenticationMethod !== "") return otherMethod(info);
    const { username, password } = info;
    const expected = username === undefined ? undefined : lookup(options.passwords, username);
    if (expected === undefined || password === undefined || !sameBytes(Buffer.from(expected, "utf8"), password)) {
      return rejectConnection(ReasonCode.BadUserNameOrPassword, { detail: `user ${String(username)}` });
    }
    if (options.usernameIsClientId === true && username !== info.clientId) {
      return notAuthorized(`user ${String(username)} is not client ${info.clientId}`);
    }
    return acceptConnection();
  };
}

export interface TokenAuthenticatorOptions {
  /** The Authentication Method the token travels under (the API table's token method). */
  readonly method: string;
  /**
   * Judges the token (the Authentication Data) for the connecting client: true or false, or the epoch ms
   * at which it lapses (the connection then ends with 0x87 unless the client re-authenticates, A10).
   */
  readonly verify: (token: Buffer, info: ServerConnectInfo) => boolean | number | Promise<boolean | number>;
}

/**
 * Verifies a token sent as MQTT 5 Authentication Data in one step. Failures are `0x87` (with the API's
 * not-authorized status); another method is `0x8C`.
 */
export function createTokenAuthenticator(options: TokenAuthenticatorOptions): ServerAuthenticator {
  return async (info) => {
    if (info.authenticationMethod !== options.method) return otherMethod(info);
    if (info.authenticationData === undefined) return notAuthorized("no token");
    const verdict = await options.verify(info.authenticationData, info);
    if (verdict === false) return notAuthorized("token refused");
    return acceptConnection(verdict === true ? undefined : verdict);
  };
}

function sameBytes(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

function lookup(keys: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  return keys !== undefined && Object.hasOwn(keys, name) ? keys[name] : undefined;
}
