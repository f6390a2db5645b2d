/**
 * The `mqttgen` command. Exit codes: 0 ok, 1 spec problems or drift, 2 usage.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, hasErrors, LIMITS, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { diffCommand } from "./diff/command.js";
import { checkSpec, DEFAULT_OUT_DIR, generate } from "./generate.js";
import { modelToJson } from "./model-json.js";
import { sidecarPath } from "./model-rules.js";
import type { ApiModel } from "./model.js";
import { isSpecFile } from "./parse/index.js";
import { schemaSidecarText } from "./parse/schema-sidecar.js";
import { TOOL_VERSION } from "./package-root.js";
import { recoverInterruptedWrites } from "./write-journal.js";

const HELP = `mqttgen: TypeScript code generator for MQTT 5 APIs

Usage:
  mqttgen generate [SPEC...] [--out DIR] [--check] [--format]
      Generate client, server, status codes and docs for each SPEC (default: every
      .md/.yaml/.yml spec in api/) into DIR/<spec name>/ (default DIR: generated).
      --check   generate in memory and list every missing, extra or different file;
                exit 1 on drift; touch nothing
      --format  run prettier on the output even without a prettier configuration
  mqttgen model SPEC [--positions]
      Print the operations model as JSON (sorted keys; source spans with --positions).
  mqttgen convert SPEC --to yaml|markdown [-o FILE]
      Write SPEC in another input form (stdout unless -o).
  mqttgen diff OLD NEW [--format text|json|markdown|github] [--fail-on error|warning|info|never]
      Report what NEW breaks for clients and code built against OLD (a spec file or
      git:REF:PATH); exit 1 on changes at or above --fail-on (default error), 3 on an
      invalid spec. mqttgen diff --help for more.
  mqttgen --help | --version

Exit status: 0 success, 1 problems in a spec or drift, 2 usage error.
Problems are printed as path:line:col: error CODE: message (the first ${LIMITS.listedDiagnostics} of a run).
`;

class UsageError extends Error {}

const VERSION = TOOL_VERSION;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "generate":
        return await generateCommand(rest);
      case "model":
        return await modelCommand(rest);
      case "convert":
        return await convertCommand(rest);
      case "diff":
        return await diffCommand(rest);
      case "--version":
      case "-v":
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(HELP);
        return 0;
      default:
        throw new UsageError(command === undefined ? "missing command" : `unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`mqttgen: ${(error as Error).message}\nRun mqttgen --help for usage.\n`);
      return 2;
    }
    // Problems of a spec are diagnostics; what is left is the file system, or a bug: one line, no stack.
    process.stderr.write(`mqttgen: ${fileSystemFailure(error) ?? `internal error: ${String(error)}`}\n`);
    return 2;
  }
}

/** A file-system error as one line (`cannot open out/x: EISDIR`), or `undefined` for any other error. */
function fileSystemFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if (code === undefined || path === undefined) return undefined;
  return `cannot ${syscall ?? "access"} ${path}: ${code}`;
}

/** `parseArgs` throws TypeErrors coded `ERR_PARSE_ARGS_*` for unknown or malformed options. */
function isParseArgsError(error: unknown): boolean {
  const code: unknown = error instanceof TypeError ? Reflect.get(error, "code") : undefined;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

async function generateCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { out: { type: "string", default: DEFAULT_OUT_DIR }, check: { type: "boolean", default: false }, format: { type: "boolean", default: false } },
  });
  recoverOutputs([values.out]);
  const specs = positionals.length > 0 ? positionals : defaultSpecs();
  for (const spec of specs) checkSpecPath(spec);
  const names = specs.map((spec) => basename(spec, extname(spec)));
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined) throw new UsageError(`two specs are named ${clash}: they would write into one directory`);

  const started = performance.now();
  const result = await generate({
    specs,
    outDir: values.out,
    check: values.check,
    format: values.format,
    pruneStale: positionals.length === 0,
    toolVersion: VERSION,
    cwd: process.cwd(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (printDiagnostics(result.diagnostics)) {
    process.stderr.write(`mqttgen: nothing written: ${result.diagnostics.length} problem(s)\n`);
    return 1;
  }
  const files = result.runs.reduce((n, run) => n + run.files.length, 0);
  const elapsed = (performance.now() - started).toFixed(0);
  if (values.check) {
    let drifted = 0;
    for (const [dir, drift] of result.drift) {
      for (const [kind, paths] of [["missing", drift.missing], ["extra", drift.extra], ["different", drift.different]] as const) {
        for (const path of paths) process.stderr.write(`${kind}: ${join(dir, path)}\n`);
        drifted += paths.length;
      }
    }
    process.stderr.write(drifted === 0 ? `mqttgen: ${files} files up to date (${elapsed} ms)\n` : `mqttgen: ${drifted} file(s) out of date: run npm run generate\n`);
    return drifted === 0 ? 0 : 1;
  }
  process.stderr.write(`mqttgen: wrote ${files} files for ${result.runs.length} spec(s) into ${values.out}/ in ${elapsed} ms\n`);
  return 0;
}

function checkSpecPath(spec: string): void {
  if (!existsSync(spec)) throw new UsageError(`no such spec: ${spec}`);
  if (!statSync(spec).isFile()) throw new UsageError(`not a file: ${spec}`);
  if (!isSpecFile(spec)) throw new UsageError(`not a spec (.md, .yaml or .yml): ${spec}`);
}

function defaultSpecs(): string[] {
  if (!existsSync("api")) throw new UsageError("no SPEC given and no api/ directory here");
  const specs = readdirSync("api").filter(isSpecFile).sort().map((name) => join("api", name));
  if (specs.length === 0) throw new UsageError("no spec (.md, .yaml, .yml) in api/");
  return specs;
}

/**
 * Finishes what runs killed while writing output left (in `roots` and wherever a dead run's pointer
 * says), before anything else: every command leaves the output trees whole (src/write-journal.ts).
 */
function recoverOutputs(roots: readonly string[]): void {
  for (const line of recoverInterruptedWrites(roots)) process.stderr.write(`mqttgen: ${line}\n`);
}

/** Parses and validates one spec, printing its problems; the model when there are none. */
async function loadValid(spec: string | undefined): Promise<ApiModel | undefined> {
  recoverOutputs([DEFAULT_OUT_DIR]);
  if (spec === undefined) throw new UsageError("missing SPEC");
  checkSpecPath(spec);
  const checked = await checkSpec(spec, spec);
  return printDiagnostics(checked.diagnostics) ? undefined : checked.model;
}

async function modelCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { positions: { type: "boolean", default: false } } });
  if (positionals.length > 1) throw new UsageError("model takes one SPEC");
  const model = await loadValid(positionals[0]);
  if (model === undefined) return 1;
  process.stdout.write(modelToJson(model, { positions: values.positions }));
  return 0;
}

async function convertCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { to: { type: "string" }, output: { type: "string", short: "o" } },
  });
  if (positionals.length > 1) throw new UsageError("convert takes one SPEC");
  if (values.to !== "yaml" && values.to !== "markdown") throw new UsageError("convert needs --to yaml or --to markdown");
  const model = await loadValid(positionals[0]);
  if (model === undefined) return 1;
  const text = await convertModel(model, values.to);
  if (values.output === undefined) process.stdout.write(text);
  else writeFileSync(values.output, text);
  if (values.to === "markdown") writeSchemaSidecar(model, values.output);
  return 0;
}

/** Markdown cannot hold payload schemas: they go into the sidecar the markdown front end reads back. */
function writeSchemaSidecar(model: ApiModel, output: string | undefined): void {
  const sidecar = schemaSidecarText(model);
  if (sidecar === undefined) return;
  if (output === undefined) {
    process.stderr.write("mqttgen: payload schemas are not in the markdown; use -o FILE to write them beside it\n");
    return;
  }
  writeFileSync(sidecarPath(output), sidecar);
  process.stderr.write(`mqttgen: wrote payload schemas to ${sidecarPath(output)}\n`);
}

async function convertModel(model: ApiModel, to: "yaml" | "markdown"): Promise<string> {
  if (to === "yaml") {
    const { modelToYaml } = await import("./parse/yaml/write.js");
    return modelToYaml(model);
  }
  const { modelToMarkdown } = await import("./emit/index.js");
  return modelToMarkdown(model);
}

/**
 * Prints diagnostics in source order, the first `LIMITS.listedDiagnostics` of them (a spec that is not a
 * spec at all must not bury the terminal), then how many more there are; true when any is an error.
 */
function printDiagnostics(diagnostics: readonly Diagnostic[]): boolean {
  const sorted = sortDiagnostics(diagnostics);
  const listed = sorted.slice(0, LIMITS.listedDiagnostics).map((d) => `${formatDiagnostic(d)}\n`);
  const unlisted = sorted.length - listed.length;
  if (unlisted > 0) listed.push(`mqttgen: ${unlisted} more problem(s) not listed\n`);
  process.stderr.write(listed.join(""));
  return hasErrors(diagnostics);
}
