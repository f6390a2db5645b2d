/**
 * The help of `mqttgen` and of each command (`mqttgen <command> --help`, `mqttgen help <command>`).
 * test/cli/help.test.ts holds the exit codes said here to src/cli/exit-codes.ts and the README.
 */
import { LIMITS } from "../diagnostics.js";
import { DIFF_HELP } from "../diff/command.js";

const COMMON_OPTIONS = `  --reporter text|json|github
            how problems are reported, on stderr: text (path:line:col: severity code:
            message), json (one document per run; schemas/report.schema.json) or
            github (GitHub Actions annotations)
  -q, --quiet   only problems and failures, no progress
  -h, --help    this help`;

export const EXIT_TABLE = `Exit status: 0 success; 1 problems in a spec or template override, drift, or diff changes
at or above --fail-on; 2 usage error or an invalid config file; 3 a file that cannot be read or
written; 4 internal error (a bug in mqttgen).`;

const GENERATE_HELP = `Usage: mqttgen generate [SPEC...] [options]

Generates client, server, status codes and docs for each spec into its own directory.
Without SPEC, generates the specs of the config file (mqttgen.config.{ts,mjs,json,yaml,yml},
found from here upwards to the repository root), or every .md, .yaml and .yml spec in
api/ when there is no config. Output goes to <out>/<spec file name>/ (default generated/),
or where the config puts a spec. Nothing is written when any spec has a problem.

Options:
  --out DIR       output directory for every spec (overrides the config)
  --check         generate in memory, list every missing, extra or different file,
                  exit 1 on drift; touch nothing
  --watch         regenerate whenever a spec, its schema sidecar, the config or a template
                  override changes; keep the last good output while an edit is broken
  --format        run prettier on the output (--no-format: never; default: when the
                  project configures prettier)
  --templates DIR a directory of template overrides (templates/README.md in the package)
  --config FILE   use this config file (--no-config: none, only the defaults and flags)
${COMMON_OPTIONS}

Examples:
  mqttgen generate
  mqttgen generate api/lock.yaml --out src/generated
  mqttgen generate --check --reporter github
  mqttgen generate --watch
`;

const MODEL_HELP = `Usage: mqttgen model SPEC [--positions] [options]

Prints the operations model of SPEC as JSON on stdout (keys sorted; source spans only
with --positions). Problems of the spec are reported and nothing is printed.

Options:
  --positions   include the source span of every node
${COMMON_OPTIONS}
`;

const CONVERT_HELP = `Usage: mqttgen convert SPEC --to yaml|markdown [-o FILE] [options]

Writes SPEC in the other input form: the YAML IDL or the markdown reference. The two
read back as the same model. Markdown cannot hold payload schemas: with -o FILE they go
into the schema sidecar beside FILE (FILE.schemas.json).

Options:
  --to yaml|markdown  the form to write
  -o, --output FILE   write to FILE instead of stdout
${COMMON_OPTIONS}
`;

const INIT_HELP = `Usage: mqttgen init [DIR] [options]

Starts mqttgen in a project (DIR, default the current directory): writes a starter spec,
api/<name>.yaml, and a config file pointing at it, then prints the commands to run next.
Existing files are left alone unless --force.

Options:
  --name NAME              the starter spec's file name, without extension (default: thermostat)
  --config-format json|yaml|ts|mjs   the config file's form (default: json)
  --force                  overwrite files that exist
${COMMON_OPTIONS}
`;

/** One line per command, for \`mqttgen --help\`. */
const COMMANDS_SUMMARY = `Commands:
  mqttgen generate [SPEC...]     client, server, status codes and docs (--check, --watch)
  mqttgen model SPEC             the operations model as JSON
  mqttgen convert SPEC --to F    a spec in the other input form (yaml, markdown)
  mqttgen diff OLD NEW           what NEW breaks for clients and code built against OLD
  mqttgen init [DIR]             a starter spec and config file in a project
  mqttgen help [COMMAND]         this help, or a command's`;

export const MAIN_HELP = `mqttgen: TypeScript code generator for MQTT 5 APIs

${COMMANDS_SUMMARY}

mqttgen <command> --help shows a command's options. mqttgen --version prints the version.
Problems are printed as path:line:col: severity code: message (the first ${LIMITS.listedDiagnostics} of a run).

${EXIT_TABLE}
`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  generate: `${GENERATE_HELP}\n${EXIT_TABLE}\n`,
  model: `${MODEL_HELP}\n${EXIT_TABLE}\n`,
  convert: `${CONVERT_HELP}\n${EXIT_TABLE}\n`,
  diff: DIFF_HELP,
  init: `${INIT_HELP}\n${EXIT_TABLE}\n`,
};
