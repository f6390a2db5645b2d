// A Mosquitto broker on a free port of 127.0.0.1, for the end-to-end tests and bench/wire.js: the Debian
// `mosquitto` binary with a temporary configuration (TCP_NODELAY, without which each sequential round trip
// stalls on Nagle's algorithm), anonymous clients by default, or users from a password file written with
// `mosquitto_passwd` and an ACL file, and further settings. Plain JavaScript, typed by
// mosquitto-broker.d.ts, so the benchmark can run it without a build.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, listening } from "./local-process.js";

export const MOSQUITTO = "/usr/sbin/mosquitto";
export const MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

export async function startMosquitto(options = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mqttgen-mosquitto-"));
  const config = join(dir, "mosquitto.conf");
  const lines = [`listener ${port} 127.0.0.1`, "set_tcp_nodelay true"];
  // Started as root, Mosquitto drops to its own user before it reads the password and ACL files.
  if (options.users !== undefined || options.acl !== undefined) chmodSync(dir, 0o755);
  // Settings may turn on `persistence`, whose database that user writes here.
  if (options.settings !== undefined) chmodSync(dir, 0o777);
  if (options.users === undefined) lines.push("allow_anonymous true");
  else {
    const passwords = join(dir, "passwords");
    writeFileSync(passwords, "");
    for (const [user, password] of Object.entries(options.users)) {
      execFileSync(MOSQUITTO_PASSWD, ["-b", passwords, user, password]);
    }
    lines.push("allow_anonymous false", `password_file ${passwords}`);
  }
  lines.push(...(options.settings ?? []));
  if (options.acl !== undefined) {
    const acl = join(dir, "acl");
    writeFileSync(acl, [...options.acl, ""].join("\n"));
    lines.push(`acl_file ${acl}`);
  }
  writeFileSync(config, [...lines, ""].join("\n"));
  // In its own directory, where `persistence` (if set) writes its database.
  const child = spawn(MOSQUITTO, ["-c", config], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const stop = await listening("mosquitto", child, port, dir);
  return { port, url: `mqtt://127.0.0.1:${port}`, stop };
}
