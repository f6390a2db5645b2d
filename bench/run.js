// `npm run bench`: wall time and peak memory of `mqttgen generate` as a whole process, on the seed and on
// synthetic specs of 10, 100 and 1000 operations. Each case runs in a fresh process (cold) a few times;
// the table shows the median. A benchmark, not a test: it prints numbers and never fails on them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeSyntheticSpecs } from "./make-specs.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), "mqttgen-bench-"));
const cases = [
  { name: "seed (api/iothub.md)", spec: "api/iothub.md" },
  ...makeSyntheticSpecs("api/iothub.md", join(work, "specs"), [10, 100, 1000]).map((spec, i) => ({
    name: `synthetic, ${[10, 100, 1000][i]} operations`,
    spec,
  })),
];

function measure(spec, extra) {
  const report = join(work, "report.json");
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ["bench/measure.js", report, "generate", spec, "--out", join(work, "out"), ...extra],
    {
      encoding: "utf8",
    },
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`generate ${spec} failed:\n${child.stderr}`);
  const { maxRssKiB } = JSON.parse(readFileSync(report, "utf8"));
  return { ms, mib: maxRssKiB / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [];
for (const { name, spec } of cases) {
  for (const [mode, extra] of [
    ["default", []],
    ["--format", ["--format"]],
  ]) {
    const samples = Array.from({ length: RUNS }, () => measure(spec, extra));
    rows.push([name, mode, median(samples.map((s) => s.ms)).toFixed(0), median(samples.map((s) => s.mib)).toFixed(0)]);
  }
}
rmSync(work, { recursive: true, force: true });

const header = ["input", "formatting", "wall ms (median)", "peak RSS MiB"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
console.log(`mqttgen generate, ${RUNS} cold runs per case, node ${process.version}`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i >= 2 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`);
for (const row of rows) console.log(line(row));
await import("./wire.js");
// The scale-out table runs its lock-API workers from TypeScript sources, through tsx.
const scaleOut = spawnSync(process.execPath, ["--import", "tsx", "bench/scale-out.ts"], { stdio: "inherit" });
if (scaleOut.status !== 0) throw new Error("bench/scale-out.ts failed");
