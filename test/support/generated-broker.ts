/**
 * Mosquitto started with a generated broker configuration (`generated/<spec>/broker/`): the listener moved to
 * a free loopback port and the password, ACL and persistence paths to a temporary directory, every other
 * line as generated; users written to the password file with `mosquitto_passwd`.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, listening } from "./local-process.js";
import { MOSQUITTO, MOSQUITTO_PASSWD, type Mosquitto } from "./mosquitto-broker.js";

export interface BrokerFiles {
  readonly conf: string;
  readonly acl: string;
}

/** The broker files `npm run generate` wrote for a spec of api/. */
export function generatedBrokerFiles(specName: string): BrokerFiles {
  const dir = new URL(`../../generated/${specName}/broker/`, import.meta.url);
  return { conf: readFileSync(new URL("mosquitto.conf", dir), "utf8"), acl: readFileSync(new URL("acl", dir), "utf8") };
}

export async function startGeneratedBroker(files: BrokerFiles, users: Readonly<Record<string, string>>): Promise<Mosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-broker-config-"));
  // Started as root, Mosquitto drops to its own user before it reads its files and writes persistence.
  chmodSync(dir, 0o777);
  const passwords = join(dir, "passwords");
  writeFileSync(passwords, "");
  for (const [user, password] of Object.entries(users)) execFileSync(MOSQUITTO_PASSWD, ["-b", passwords, user, password]);
  writeFileSync(join(dir, "acl"), files.acl);
  const conf = files.conf
    .replace(/^listener \d+$/m, `listener ${port} 127.0.0.1`)
    .replace(/^password_file .*$/m, `password_file ${passwords}`)
    .replace(/^acl_file .*$/m, `acl_file ${join(dir, "acl")}`)
    .replace(/^persistence_location .*$/m, `persistence_location ${dir}/`);
  writeFileSync(join(dir, "mosquitto.conf"), conf);
  const child = spawn(MOSQUITTO, ["-c", join(dir, "mosquitto.conf")], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const stop = await listening("mosquitto", child, port, dir);
  return { port, url: `mqtt://127.0.0.1:${port}`, stop };
}
