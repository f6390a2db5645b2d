/**
 * SAS authentication (docs/protocol.md#sas): HMAC-SHA256, keyed with the base64-decoded device or policy key,
 * over five lines each ending in `\n`; an omitted optional field is an empty line. The raw 32-byte digest
 * is the CONNECT or AUTH `Authentication Data`.
 *
 * Signing runs in pure JavaScript (`@noble/hashes`), not `node:crypto`, so that the device client bundles for a
 * browser, and synchronously, not through WebCrypto's promise: MQTT.js builds every CONNECT, reconnections
 * included, synchronously from the options the client sets when it emits `reconnect`.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { Buffer } from "buffer";

/**
 * The CONNECT (and AUTH) user properties the SAS scheme itself writes (A4): when the signature was made,
 * when it expires, and the shared access policy when one signs. The `host` it signs travels as an API
 * CONNECT property or as the TLS SNI name.
 */
export const SAS_PROPERTIES = ["sas-at", "sas-expiry", "sas-policy"] as const;

export interface SasFields {
  /** The hub host name: the TLS SNI name or the `host` user property. */
  readonly host: string;
  readonly clientId: string;
  /** Shared access policy name; empty when the device key signs. */
  readonly policy?: string;
  /** `sas-at` and `sas-expiry` exactly as sent: decimal epoch milliseconds. */
  readonly at: string;
  readonly expiry: string;
}

export function sasStringToSign(fields: SasFields): string {
  return `${fields.host}\n${fields.clientId}\n${fields.policy ?? ""}\n${fields.at}\n${fields.expiry}\n`;
}

export function signSas(base64Key: string, fields: SasFields): Buffer {
  const digest = hmac(sha256, Buffer.from(base64Key, "base64"), Buffer.from(sasStringToSign(fields), "utf8"));
  return Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
}
