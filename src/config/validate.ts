/**
 * Checking a config's value field by field: every problem is reported (at its line and column when the
 * file kept places), and what is valid is resolved with the defaults filled in. The rules here and
 * schemas/mqttgen.config.schema.json say the same (test/cli/config-schema.test.ts holds them together).
 */
import { dirname } from "node:path";
import type { SourceSpan } from "../model.js";
import { projectDiagnostic, type ProjectDiagnostic } from "../project-diagnostics.js";
import type { FieldPlaces } from "./load.js";
import { DEFAULT_OUTPUT, DEFAULT_SPEC_PATTERNS, type FormatChoice, type ResolvedConfig, type SpecEntry } from "./types.js";

const TOP_FIELDS = ["$schema", "specs", "output", "format", "templates"] as const;
const SPEC_FIELDS = ["path", "output", "name"] as const;

/** A type-name prefix: a letter, then letters and digits (`Hub`, `LockFleet2`). */
const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** A spec pattern holding any of these is a glob; a path field may hold none (the JSON Schema says the same). */
const GLOB_CHARACTERS = /[*?[\]{}()!]/;

export interface ValidatedConfig {
  /** Undefined when any field is in error. */
  readonly config: ResolvedConfig | undefined;
  readonly diagnostics: readonly ProjectDiagnostic[];
}

/** Checks the value of the config file `path` (`file` as problems name it). */
export function validateConfig(value: unknown, path: string, file: string, places: FieldPlaces): ValidatedConfig {
  const { config, diagnostics } = checkConfig(value, path, file, places);
  // Fields are checked in the order their meaning needs; problems are listed in the file's order.
  const order = (d: ProjectDiagnostic): number => (d.span?.start.line ?? 0) * 1e6 + (d.span?.start.column ?? 0);
  return { config, diagnostics: [...diagnostics].sort((a, b) => order(a) - order(b)) };
}

function checkConfig(value: unknown, path: string, file: string, places: FieldPlaces): ValidatedConfig {
  const check = new ConfigCheck(file, places);
  const top = check.object(value, "", "an object of config fields", TOP_FIELDS);
  if (top === undefined) return { config: undefined, diagnostics: check.diagnostics };
  const specs = top["specs"] === undefined ? defaultSpecs() : check.specs(top["specs"]);
  const output = top["output"] === undefined ? DEFAULT_OUTPUT : check.path(top["output"], "output");
  const format = check.format(top["format"]);
  const templates = top["templates"] === undefined ? undefined : check.path(top["templates"], "templates");
  check.string(top["$schema"], "$schema", true);
  if (check.diagnostics.some((d) => d.severity === "error") || specs === undefined || output === undefined || format === undefined) {
    return { config: undefined, diagnostics: check.diagnostics };
  }
  const config: ResolvedConfig = {
    file: path,
    root: dirname(path),
    specs,
    specsListed: top["specs"] !== undefined,
    output,
    format,
    templates,
  };
  return { config, diagnostics: check.diagnostics };
}

/** The config used when there is no config file: the defaults, rooted in `root`. */
export function defaultConfig(root: string): ResolvedConfig {
  return {
    file: undefined,
    root,
    specs: defaultSpecs(),
    specsListed: false,
    output: DEFAULT_OUTPUT,
    format: "auto",
    templates: undefined,
  };
}

function defaultSpecs(): SpecEntry[] {
  return DEFAULT_SPEC_PATTERNS.map((pattern) => ({ pattern, isGlob: true }));
}

class ConfigCheck {
  readonly diagnostics: ProjectDiagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly places: FieldPlaces,
  ) {}

  private at(field: string, key = false): SourceSpan | undefined {
    const place = this.places.get(field);
    return key ? (place?.key ?? place?.value) : place?.value;
  }

  private invalid(field: string, expected: string): undefined {
    this.diagnostics.push(
      projectDiagnostic("config-invalid", { field: field === "" ? "the config" : field, expected }, this.file, this.at(field)),
    );
    return undefined;
  }

  /** `value` as an object with only `known` fields; unknown ones are reported. */
  object(value: unknown, field: string, expected: string, known: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return this.invalid(field, expected);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (known.includes(key)) continue;
      const path = field === "" ? key : `${field}.${key}`;
      this.diagnostics.push(
        projectDiagnostic("config-unknown-field", { field: path, known: known.join(", ") }, this.file, this.at(path, true)),
      );
    }
    return record;
  }

  string(value: unknown, field: string, optional = false): string | undefined {
    if (value === undefined && optional) return undefined;
    return typeof value === "string" && value.trim() !== "" ? value : this.invalid(field, "a non-empty string");
  }

  /** A path: a non-empty string that is not a glob. */
  path(value: unknown, field: string): string | undefined {
    const path = this.string(value, field);
    if (path === undefined) return undefined;
    return GLOB_CHARACTERS.test(path) ? this.invalid(field, `a path without glob characters, got ${JSON.stringify(path)}`) : path;
  }

  format(value: unknown): FormatChoice | undefined {
    if (value === undefined || value === "auto") return "auto";
    if (value === true) return "always";
    if (value === false) return "never";
    return this.invalid("format", 'true (always run prettier), false (never) or "auto" (when the project configures prettier)');
  }

  specs(value: unknown): SpecEntry[] | undefined {
    if (!Array.isArray(value) || value.length === 0)
      return this.invalid("specs", "a non-empty list of spec paths, globs or { path, output, name } entries");
    const entries = value.map((item: unknown, index) => this.spec(item, `specs[${index}]`));
    return entries.every((entry) => entry !== undefined) ? entries : undefined;
  }

  private spec(item: unknown, field: string): SpecEntry | undefined {
    const span = this.at(field);
    const place = span ? { span } : {};
    if (typeof item === "string") {
      const pattern = this.string(item, field);
      return pattern === undefined ? undefined : { pattern, isGlob: GLOB_CHARACTERS.test(pattern), ...place };
    }
    const fields = this.object(item, field, "a spec path or glob, or an object { path, output, name }", SPEC_FIELDS);
    if (fields === undefined) return undefined;
    // An entry of its own names one file: a glob would give several specs one output directory and one name.
    const pattern = this.path(fields["path"], `${field}.path`);
    const output = fields["output"] === undefined ? undefined : this.path(fields["output"], `${field}.output`);
    const name = fields["name"] === undefined ? undefined : this.name(fields["name"], `${field}.name`);
    if (
      pattern === undefined ||
      (fields["output"] !== undefined && output === undefined) ||
      (fields["name"] !== undefined && name === undefined)
    ) {
      return undefined;
    }
    return {
      pattern,
      isGlob: false,
      ...(output === undefined ? {} : { output }),
      ...(name === undefined ? {} : { name }),
      ...place,
    };
  }

  private name(value: unknown, field: string): string | undefined {
    if (typeof value === "string" && NAME.test(value)) return value;
    return this.invalid(field, "a type-name prefix: a letter, then letters and digits (Hub gives HubClient)");
  }
}
