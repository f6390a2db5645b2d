/**
 * A self-signed server certificate made with `openssl` for TLS tests: its own CA, valid for a day. Tests
 * using it skip, or fail under MQTTGEN_REQUIRE_SYSTEM_TOOLS=1, where openssl is missing
 * (`OPENSSL_SKIP_REASON`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemToolSkipReason } from "./system-tools.js";

const OPENSSL = "/usr/bin/openssl";

/** Why TLS tests cannot run here, or `undefined` when openssl is installed. */
export const OPENSSL_SKIP_REASON = systemToolSkipReason([OPENSSL], "openssl");

/** A fresh RSA key and a self-signed certificate naming `commonName`, as PEM. */
export function selfSignedCertificate(commonName: string): { readonly key: Buffer; readonly cert: Buffer } {
  const directory = mkdtempSync(join(tmpdir(), "mqttgen-tls-"));
  try {
    const keyFile = join(directory, "key.pem");
    const certFile = join(directory, "cert.pem");
    const request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${commonName}`];
    execFileSync(OPENSSL, [...request, "-keyout", keyFile, "-out", certFile], { stdio: "ignore" });
    return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
