/** `mqttgen model` and `mqttgen convert`: one spec in, its model or its other form out on stdout or a file. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { specArgument } from "../config/plan.js";
import { DEFAULT_OUTPUT } from "../config/types.js";
import { checkSpec } from "../generate.js";
import { modelToJson } from "../model-json.js";
import { sidecarPath } from "../model-rules.js";
import type { ApiModel } from "../model.js";
import { schemaSidecarText } from "../parse/schema-sidecar.js";
import { recoverInterruptedWrites } from "../write-journal.js";
import { parseCommand } from "./arguments.js";
import type { CommandContext } from "./command.js";
import { EXIT, UsageError, type ExitCode } from "./exit-codes.js";

export async function modelCommand(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseCommand(context.args, {
    positions: { type: "boolean", default: false },
  });
  if (positionals.length > 1) throw new UsageError("model takes one SPEC");
  const model = await loadValid(positionals[0], context);
  if (model === undefined) return EXIT.problems;
  context.io.stdout(modelToJson(model, { positions: values.positions }));
  return EXIT.ok;
}

export async function convertCommand(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseCommand(context.args, {
    to: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (positionals.length > 1) throw new UsageError("convert takes one SPEC");
  if (values.to !== "yaml" && values.to !== "markdown") throw new UsageError("convert needs --to yaml or --to markdown");
  const model = await loadValid(positionals[0], context);
  if (model === undefined) return EXIT.problems;
  const text = await convertModel(model, values.to);
  const output = values.output === undefined ? undefined : resolve(context.io.cwd, values.output);
  if (output === undefined) context.io.stdout(text);
  else writeFileSync(output, text);
  if (values.to === "markdown") writeSchemaSidecar(model, output, context);
  return EXIT.ok;
}

/**
 * Parses and validates one spec, reporting its problems; the model when there are none. A spec that
 * cannot be read throws (exit 3); one that is not named like a spec is a usage error.
 */
async function loadValid(spec: string | undefined, context: CommandContext): Promise<ApiModel | undefined> {
  for (const line of recoverInterruptedWrites([resolve(context.io.cwd, DEFAULT_OUTPUT)])) context.reporter.note(line);
  if (spec === undefined) throw new UsageError("missing SPEC");
  const checked = await checkSpec(specArgument(spec, context.io.cwd), spec);
  context.reporter.diagnostics(checked.diagnostics, context.io.cwd);
  return checked.model;
}

/** Markdown cannot hold payload schemas: they go into the sidecar the markdown front end reads back. */
function writeSchemaSidecar(model: ApiModel, output: string | undefined, context: CommandContext): void {
  const sidecar = schemaSidecarText(model);
  if (sidecar === undefined) return;
  if (output === undefined) {
    context.reporter.notice("payload schemas are not in the markdown; use -o FILE to write them beside it");
    return;
  }
  writeFileSync(sidecarPath(output), sidecar);
  context.reporter.note(`wrote payload schemas to ${context.reporter.path(sidecarPath(output))}`);
}

async function convertModel(model: ApiModel, to: "yaml" | "markdown"): Promise<string> {
  if (to === "yaml") {
    const { modelToYaml } = await import("../parse/yaml/write.js");
    return modelToYaml(model);
  }
  const { modelToMarkdown } = await import("../emit/index.js");
  return modelToMarkdown(model);
}
