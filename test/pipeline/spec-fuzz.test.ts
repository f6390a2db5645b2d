/**
 * Nothing a spec contains can crash the generator: property tests with fast-check over mutations of the
 * three specs in api/ (lines dropped, repeated or swapped, text spliced in from an alphabet of the
 * characters specs are made of and break on) and over the YAML specs' values (any value put at any path of
 * the document, so that the YAML stays well-formed and the reader and validation see every shape). Every
 * mutant is parsed and validated as `generate` does; no mutant may throw or reach the `internal-error`
 * catch-all, and every one that still validates renders all its files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { checkSpec } from "../../src/generate.js";
import { renderSpec } from "../../src/emit/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

/** Mutants per spec; the file stays within some tens of seconds on two loaded cores. */
const RUNS = Number(process.env.SPEC_FUZZ_RUNS ?? 60);

const SPECS = ["api/iothub.md", "api/lock-fleet.yaml", "api/aws-iot-shadow.yaml"];

/** What specs are made of and break on: structure, topic syntax, escapes, odd Unicode, lone surrogates. */
const PIECES = [
  "|", "||", "`", "```", "#", "## ", "### Get", "**", "*", "_", "{", "}", "{clientId}", "{x}", "$", "+", "/", "//",
  "-", ": ", "- ", "  ", "\t", "\n", "\r\n", "\\", '"', "'", "[", "]", "&", "*a", "!", "%", "@", "0x", "0", "-1",
  "99999999999999999999", "1.5", "null", "true", "~", "\u0000", "\u200b", "\ufeff", "\ud800", "é", "日本", "🙂",
  "constructor", "__proto__", "class", "Delete", "Status", "ApiError", "u32", "u64", "string", "time", "empty",
];

const fragment = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));

type Mutation =
  | { readonly kind: "drop"; readonly at: number; readonly count: number }
  | { readonly kind: "repeat"; readonly at: number; readonly count: number }
  | { readonly kind: "swap"; readonly at: number; readonly other: number }
  | { readonly kind: "splice"; readonly at: number; readonly offset: number; readonly cut: number; readonly text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fc.nat(),
    offset: fc.nat({ max: 80 }),
    cut: fc.nat({ max: 12 }),
    text: fragment,
  }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  const lines = text.split("\n");
  for (const m of mutations) {
    const at = m.at % lines.length;
    if (m.kind === "drop") lines.splice(at, m.count);
    else if (m.kind === "repeat") lines.splice(at, 0, ...lines.slice(at, at + m.count));
    else if (m.kind === "swap") {
      const other = m.other % lines.length;
      [lines[at], lines[other]] = [lines[other] ?? "", lines[at] ?? ""];
    } else {
      const line = lines[at] ?? "";
      const offset = Math.min(m.offset, line.length);
      lines[at] = line.slice(0, offset) + m.text + line.slice(offset + m.cut);
    }
    if (lines.length === 0) lines.push("");
  }
  return lines.join("\n");
}

const scratch = mkdtempSync(join(tmpdir(), "mqttgen-spec-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Parses and validates `text` as `spec`; renders it when it validates. Returns whether it rendered. */
async function checkMutant(spec: string, text: string): Promise<boolean> {
  const file = join(scratch, basename(spec));
  writeFileSync(file, text);
  const checked = await checkSpec(file, basename(spec));
  expect(checked.diagnostics.filter((d) => d.code === "internal-error").map((d) => d.message)).toEqual([]);
  if (checked.model === undefined) {
    expect(checked.diagnostics.some((d) => d.severity === "error")).toBe(true);
    return false;
  }
  const specName = basename(spec).replace(/\.\w+$/, "");
  const files = await renderSpec(checked.model, { specName, inputPath: spec, inputSha256: "", toolVersion: "0.0.0" });
  expect(files.length).toBeGreaterThanOrEqual(12);
  return true;
}

const SEED = Number(process.env.SPEC_FUZZ_SEED ?? 20261206);

describe.each(SPECS)("mutants of %s", (spec) => {
  const original = readFileSync(join(PROJECT_ROOT, spec), "utf8");
  const sidecar = spec.replace(/\.md$/, ".schemas.json");

  it("are reported, never crash the generator, and render when they validate", async () => {
    if (sidecar !== spec) writeFileSync(join(scratch, basename(sidecar)), readFileSync(join(PROJECT_ROOT, sidecar)));
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        if (await checkMutant(spec, mutate(original, mutations))) rendered += 1;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Some mutants touch only prose, so the property reaches rendering too.
    expect(rendered).toBeGreaterThan(0);
  }, 120_000);
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value of `value`, the root excluded. */
function paths(value: Json, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

/** `document` with the value at `path` replaced by `replacement`, or removed when `replacement` is undefined. */
function replaced(document: Json, path: readonly (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(document);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  const last = path[path.length - 1] as string | number;
  if (replacement !== undefined) (parent as Record<string | number, Json>)[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, Json>)[last as string];
  return copy;
}

/** Values of every JSON shape, with strings from the alphabet specs break on. */
const anyValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 255, 256, 65535, 2 ** 53, Number.MAX_SAFE_INTEGER)),
      fragment,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.oneof(fragment, fc.constantFrom("name", "type", "topic", "status", "schema", "$ref", "properties")), tie("value"), { maxKeys: 3 }),
    ),
  })).value,
);

describe.each(SPECS.filter((spec) => spec.endsWith(".yaml")))("value mutants of %s", (spec) => {
  const document = parseYaml(readFileSync(join(PROJECT_ROOT, spec), "utf8")) as Json;
  const all = paths(document);

  it("are reported, never crash the generator, and render when they validate", async () => {
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), anyValue), { minLength: 1, maxLength: 3 }), async (changes) => {
        const mutant = changes.reduce<Json>((current, [index, value]) => {
          const candidates = paths(current);
          const path = candidates.length === 0 ? undefined : candidates[index % candidates.length];
          return path === undefined ? current : replaced(current, path, value);
        }, document);
        if (await checkMutant(spec, stringifyYaml(mutant))) rendered += 1;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(all.length).toBeGreaterThan(100);
    expect(rendered).toBeGreaterThan(0);
  }, 120_000);
});
