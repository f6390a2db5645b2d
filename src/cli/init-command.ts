/**
 * `mqttgen init [DIR]`: a starter spec and a config file in a project, never over a file that exists
 * (unless `--force`), then the commands to run next, on stdout.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/find.js";
import { parseCommand } from "./arguments.js";
import type { CommandContext } from "./command.js";
import { EXIT, UsageError, type ExitCode } from "./exit-codes.js";
import { CONFIG_FORMATS, starterConfig } from "./init/config-file.js";
import { starterSpec } from "./init/starter-spec.js";

const OUTPUT = "src/generated";

export async function initCommand(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseCommand(context.args, {
    name: { type: "string", default: "thermostat" },
    "config-format": { type: "string", default: "json" },
    force: { type: "boolean", default: false },
  });
  if (positionals.length > 1) throw new UsageError("init takes at most one DIR");
  const format = CONFIG_FORMATS.find((f) => f === values["config-format"]);
  if (format === undefined)
    throw new UsageError(`--config-format must be one of ${CONFIG_FORMATS.join(", ")}, got ${values["config-format"]}`);
  if (!/^[a-z][a-z0-9-]*$/.test(values.name))
    throw new UsageError(`--name must be lower-case letters, digits and dashes, starting with a letter; got ${values.name}`);
  const project = resolve(context.io.cwd, positionals[0] ?? ".");
  const specPath = `api/${values.name}.yaml`;
  const config = starterConfig(format, specPath, OUTPUT);
  const title = `${values.name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ")} API`;
  const files = [
    { path: specPath, text: starterSpec(title, values.name) },
    { path: config.name, text: config.text },
  ];
  const present = files.filter((file) => existsSync(join(project, file.path))).map((file) => file.path);
  if (present.length > 0 && !values.force)
    throw new UsageError(
      `${present.join(" and ")} already exist${present.length === 1 ? "s" : ""} in ${context.reporter.path(project)}; --force overwrites`,
    );
  // Another config beside the new one would make the directory's config ambiguous, --force or not.
  const otherConfig = CONFIG_FILE_NAMES.find((name) => name !== config.name && existsSync(join(project, name)));
  if (otherConfig !== undefined)
    throw new UsageError(`${otherConfig} already configures ${context.reporter.path(project)}; edit it, or remove it first`);
  for (const file of files) {
    const target = join(project, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  const where = context.reporter.path(project);
  const inProject = where === "." ? "" : `cd ${where} && `;
  context.io.stdout(
    [
      `Wrote ${files.map((file) => join(where, file.path)).join(" and ")}.`,
      "",
      "Next:",
      `  ${inProject}npx mqttgen generate           # ${specPath} → ${OUTPUT}/${values.name}/`,
      `  ${inProject}npx mqttgen generate --watch   # again on every save`,
      "",
      "The generated code imports @mqttgen/runtime and mqtt: npm i @mqttgen/runtime mqtt (mqttgen itself can stay a dev dependency).",
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
