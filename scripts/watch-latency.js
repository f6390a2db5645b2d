#!/usr/bin/env node
// Measures `mqttgen generate --watch` on the seed: from a save of api/iothub.md to the watcher's line saying
// the files are written (it prints that line after the output directory is swapped in). Saves alternate
// between writing the file in place and an editor's atomic save (a new file renamed over it); a broken
// edit is timed to the line saying nothing was written. A measurement for the README, not a test: run
// `npm run build` first, then `node scripts/watch-latency.js [saves]`.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const saves = Number(process.argv[2] ?? 40);

const dir = mkdtempSync(join(tmpdir(), "mqttgen-watch-latency-"));
mkdirSync(join(dir, ".git"));
cpSync(join(ROOT, "api"), join(dir, "api"), { recursive: true });
const spec = join(dir, "api/iothub.md");
const seed = readFileSync(spec, "utf8");

const child = spawn(process.execPath, [join(ROOT, "bin/mqttgen.js"), "generate", "--watch"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
child.stderr.setEncoding("utf8");
let waiting;
let buffered = "";
child.stderr.on("data", (chunk) => {
  buffered += chunk;
  const lines = buffered.split("\n");
  buffered = lines.pop();
  for (const line of lines) if (waiting && waiting.pattern.test(line)) waiting.resolve(performance.now());
});
const lineMatching = (pattern) => new Promise((resolve) => (waiting = { pattern, resolve }));
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await lineMatching(/watching/);
const timings = { "in place": [], "atomic (rename)": [], broken: [] };
for (let i = 0; i < saves; i++) {
  await pause(150);
  const atomic = i % 2 === 1;
  const text = seed.replace("Get Twin state", `Get Twin state (save ${i})`);
  const written = lineMatching(/changed: wrote /);
  const saved = performance.now();
  if (atomic) {
    writeFileSync(`${spec}.tmp`, text);
    renameSync(`${spec}.tmp`, spec);
  } else writeFileSync(spec, text);
  timings[atomic ? "atomic (rename)" : "in place"].push((await written) - saved);
  if (i % 4 === 3) {
    await pause(150);
    const refused = lineMatching(/nothing written; the last good output is kept/);
    const broken = performance.now();
    writeFileSync(spec, seed.replace("| if-version | u64 |", "| if-version | u65 |"));
    timings.broken.push((await refused) - broken);
  }
}
child.kill("SIGTERM");
rmSync(dir, { recursive: true, force: true });

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log("| save | n | median | p90 | max |");
console.log("|---|---|---|---|---|");
for (const [kind, values] of Object.entries(timings)) {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(`| ${kind} | ${sorted.length} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.9))} | ${ms(sorted.at(-1))} |`);
}
