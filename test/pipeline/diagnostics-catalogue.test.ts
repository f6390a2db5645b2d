/**
 * Every diagnostic code has a broken-spec fixture that triggers it at a stated place (STYLE.md 4). Each
 * fixture states its expectation in a comment, `<!-- expect: CODE LINE:COL … -->` in markdown or
 * `# expect: CODE LINE:COL` in YAML; the whole pipeline (parse, then validate) must report exactly that.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTICS, hasErrors, type Diagnostic } from "../../src/diagnostics.js";
import { loadSpec } from "../../src/parse/index.js";
import { validateModel } from "../../src/validate/index.js";
import { PROJECT_ROOT } from "../support/cli.js";

const FIXTURE_DIRS = ["test/fixtures/broken", "test/fixtures/broken-yaml", "test/fixtures/invalid"];

interface Fixture {
  readonly path: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
}

function fixtures(): Fixture[] {
  return FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(join(PROJECT_ROOT, dir))
      .filter((name) => /\.(md|ya?ml)$/.test(name))
      .map((name) => {
        const path = join(dir, name);
        const text = readFileSync(join(PROJECT_ROOT, path), "utf8");
        const expectation = /(?:<!--|#)\s*expect:\s*([a-z-]+)\s+(\d+):(\d+)/.exec(text);
        if (!expectation) throw new Error(`${path} states no expectation`);
        return { path, code: expectation[1] as string, line: Number(expectation[2]), column: Number(expectation[3]) };
      }),
  );
}

async function diagnose(path: string): Promise<Diagnostic[]> {
  const loaded = await loadSpec(join(PROJECT_ROOT, path), path);
  if (loaded.value === undefined || hasErrors(loaded.diagnostics)) return [...loaded.diagnostics];
  return [...loaded.diagnostics, ...validateModel(loaded.value, path)];
}

const all = fixtures();

describe("diagnostic catalogue", () => {
  it.each(all.map((f) => [f.path, f] as const))("%s reports its code at its place", async (_, fixture) => {
    const found = await diagnose(fixture.path);
    const places = found.map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column}`);
    expect(places).toContain(`${fixture.code} ${fixture.line}:${fixture.column}`);
  });

  it("has a fixture for every code in the catalogue", () => {
    const covered = new Set(all.map((f) => f.code));
    const uncovered = Object.keys(DIAGNOSTICS).filter((code) => !covered.has(code));
    expect(uncovered).toEqual([]);
  });

  it("names each fixture after a catalogue code", () => {
    for (const fixture of all) expect(Object.keys(DIAGNOSTICS)).toContain(fixture.code);
  });
});

describe("README", () => {
  it("lists every diagnostic code with its summary", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    for (const [code, entry] of Object.entries(DIAGNOSTICS)) expect(readme).toContain(`| \`${code}\` | ${entry.summary} |`);
  });
});
