/**
 * The config file, `mqttgen.config.{ts,mjs,json,yaml,yml}`: what a project writes (`MqttgenConfig`, also
 * described by schemas/mqttgen.config.schema.json for editors) and what mqttgen makes of it
 * (`ResolvedConfig`). Paths in a config are relative to the directory the config file is in.
 */
import type { SourceSpan } from "../model.js";

/** A config as written. Every field is optional; `mqttgen generate` without a config uses the defaults. */
export interface MqttgenConfig {
  /** The JSON Schema editors validate the file with; ignored by mqttgen. */
  readonly $schema?: string;
  /** Specs to generate: paths or globs (`api/*.yaml`), or entries with their own output and type-name prefix. Default: every .md, .yaml and .yml file in api/. */
  readonly specs?: readonly (string | SpecConfig)[];
  /** Where each spec's files go, as `<output>/<spec file name>/`. Default: generated. */
  readonly output?: string;
  /** Prettier on the output: true always, false never, "auto" (default) when the project configures prettier. */
  readonly format?: boolean | "auto";
  /** A directory of templates replacing built-in ones of the same file name (`client.ts.hbs`). */
  readonly templates?: string;
}

/** One spec with settings of its own. */
export interface SpecConfig {
  /** The spec file (not a glob). */
  readonly path: string;
  /** Its output directory, instead of `<output>/<spec file name>`. */
  readonly output?: string;
  /** The prefix of its generated type names: `Hub` gives HubClient, HubServer, createHubServer. Default: from the file name. */
  readonly name?: string;
}

/** How prettier is applied to the output. */
export type FormatChoice = "auto" | "always" | "never";

/** One entry of `specs`, checked, with where it stands in the config. */
export interface SpecEntry {
  /** A path or a glob, relative to the config's directory. */
  readonly pattern: string;
  readonly isGlob: boolean;
  readonly output?: string;
  readonly name?: string;
  readonly span?: SourceSpan;
}

/** A config as mqttgen uses it: every default filled in. */
export interface ResolvedConfig {
  /** Absolute path of the config file; undefined when there is none (the defaults). */
  readonly file: string | undefined;
  /** The project root: the config's directory, against which its paths resolve and outputs are named. */
  readonly root: string;
  readonly specs: readonly SpecEntry[];
  /** The config lists its specs (a pattern matching nothing is then worth a warning), rather than leaving the default. */
  readonly specsListed: boolean;
  readonly output: string;
  readonly format: FormatChoice;
  readonly templates: string | undefined;
}

/** The spec patterns used without a config or when a config lists none. */
export const DEFAULT_SPEC_PATTERNS = ["api/*.md", "api/*.yaml", "api/*.yml"] as const;

export const DEFAULT_OUTPUT = "generated";

/** Typed help for `mqttgen.config.ts` / `.mjs`: returns its argument. */
export function defineConfig(config: MqttgenConfig): MqttgenConfig {
  return config;
}
