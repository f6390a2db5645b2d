/**
 * Authentication of CONNECT and of AUTH re-authentication (PROTOCOL.md A4, A6, A9): a hook that accepts or
 * rejects, and a ready SAS verifier over per-device (and optionally per-policy) keys.
 */
import { verifySas } from "../sas.js";
import { NOT_AUTHORIZED } from "./endpoint-status.js";
import { firstUserProperty, type ServerUserProperties } from "./messages.js";
import { ReasonCode } from "./reason-codes.js";

/** What an authenticator sees of a CONNECT (or of an AUTH 0x19 merged onto it). */
export interface ServerConnectInfo {
  readonly clientId: string;
  readonly authenticationMethod: string;
  readonly authenticationData?: Buffer;
  /** CONNECT user properties; on re-authentication, overlaid with the AUTH packet's (`sas-at`, `sas-expiry`). */
  readonly userProperties: ServerUserProperties;
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
      /** Sent as the CONNACK's `status` / `reason` user properties (A8). */
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
  /** Clock in epoch ms; injectable for tests. */
  readonly now?: () => number;
}

/**
 * Verifies `Authentication Method` `SAS`: the raw HMAC-SHA256 over the five-line string (A6) built from
 * the `host` property (or the SNI name), the client id, `sas-policy`, `sas-at` and `sas-expiry`, keyed by
 * the policy key when `sas-policy` is sent and the device key otherwise. An expired or missing
 * `sas-expiry` fails. Failures are `0x87` with status `0101`, except a method other than SAS (`0x8C`).
 */
export function createSasAuthenticator(options: SasAuthenticatorOptions): ServerAuthenticator {
  const now = options.now ?? Date.now;
  // 0101 allows no `reason` (F30), so why a SAS failed is only logged.
  const notAuthorized = (detail: string): ServerAuthVerdict =>
    rejectConnection(NOT_AUTHORIZED.reasonCode, { status: NOT_AUTHORIZED.status, detail });
  return (info) => {
    if (info.authenticationMethod !== "SAS") {
      return rejectConnection(ReasonCode.BadAuthenticationMethod, { detail: `method ${info.authenticationMethod}` });
    }
    const property = (name: string): string | undefined => firstUserProperty(info.userProperties, name);
    const expiry = property("sas-expiry");
    const host = property("host") ?? info.serverName;
    const policy = property("sas-policy");
    const key = policy === undefined ? lookup(options.deviceKeys, info.clientId) : lookup(options.policyKeys, policy);
    if (expiry === undefined || !/^\d+$/.test(expiry)) return notAuthorized("sas-expiry missing or not epoch ms");
    if (Number(expiry) <= now()) return notAuthorized("SAS expired");
    if (host === undefined || key === undefined || info.authenticationData === undefined) {
      return notAuthorized("unknown client, policy or host");
    }
    const fields = { host, clientId: info.clientId, policy: policy ?? "", at: property("sas-at") ?? "", expiry };
    if (!verifySas(key, fields, info.authenticationData)) return notAuthorized("signature mismatch");
    return acceptConnection(Number(expiry));
  };
}

export interface X509AuthenticatorOptions {
  /**
   * SHA-256 fingerprints by client id, for self-signed device certificates. Without it a certificate
   * authenticates the client id that is its subject's common name (CA-signed certificates).
   */
  readonly fingerprints?: Readonly<Record<string, string>>;
}

/**
 * Verifies `Authentication Method` `X509` (A7): TLS has already checked the certificate chain (the endpoint's
 * `tls` options need `requestCert` and `ca`); this checks that the certificate names the client id. Failures
 * are `0x87` with status `0101`; another method is `0x8C`.
 */
export function createX509Authenticator(options: X509AuthenticatorOptions = {}): ServerAuthenticator {
  const notAuthorized = (detail: string): ServerAuthVerdict =>
    rejectConnection(NOT_AUTHORIZED.reasonCode, { status: NOT_AUTHORIZED.status, detail });
  return (info) => {
    if (info.authenticationMethod !== "X509") {
      return rejectConnection(ReasonCode.BadAuthenticationMethod, { detail: `method ${info.authenticationMethod}` });
    }
    const certificate = info.clientCertificate;
    if (certificate === undefined) return notAuthorized("no verified client certificate");
    const expected = options.fingerprints === undefined ? undefined : lookup(options.fingerprints, info.clientId);
    if (options.fingerprints !== undefined) {
      return expected !== undefined && expected.toUpperCase() === certificate.fingerprint256.toUpperCase()
        ? acceptConnection()
        : notAuthorized("certificate fingerprint does not match the client id");
    }
    return certificate.commonName === info.clientId ? acceptConnection() : notAuthorized("certificate names another client");
  };
}

function lookup(keys: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  return keys !== undefined && Object.hasOwn(keys, name) ? keys[name] : undefined;
}
