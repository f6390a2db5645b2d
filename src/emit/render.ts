/**
 * Handlebars rendering for emitters. Templates are compiled strictly (`strict`, `knownHelpersOnly`,
 * `noEscape`): a missing view-model field, printed or given to a helper, is an error rather than an
 * empty string, and the only helpers are the escapers below, one per output context. Templates therefore
 * only loop and test named booleans.
 *
 * Templates are compiled once, at build time (`npm run build`, `npm run generate`), into
 * `dist/templates.cjs`, which a run loads with the Handlebars runtime alone. A template whose source no
 * longer matches its compiled form (edited since the last build, or a checkout never built) is compiled
 * from its source instead, with the same options, so the output never comes from a stale template.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type Handlebars from "handlebars";
import { PACKAGE_ROOT } from "../package-root.js";
import { jsdocComment, jsdocText, stringLiteral } from "./escape.js";
import type { TemplateName, TemplateViews } from "./templates.js";

const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates");

/** Where the build writes the precompiled templates. */
export const PRECOMPILED_PATH = join(PACKAGE_ROOT, "dist", "templates.cjs");

const KNOWN_HELPERS = { doc: true, jsdoc: true, str: true } as const;

/** The helpers templates may call, besides Handlebars' own block helpers. */
export const TEMPLATE_HELPERS: readonly string[] = Object.keys(KNOWN_HELPERS);

const COMPILE_OPTIONS = { strict: true, noEscape: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true } as const;

type HandlebarsModule = typeof Handlebars;

/** A template as the build stores it: the sha256 of its source and Handlebars' compiled specification. */
export interface PrecompiledTemplate {
  readonly sha256: string;
  readonly spec: TemplateSpecification;
}

type TemplateSpecification = Parameters<HandlebarsModule["template"]>[0];

const load = createRequire(import.meta.url);

/**
 * The runtime without the compiler, enough for precompiled templates: the package's one-file build,
 * which loads in a third of the time of `handlebars/runtime` and its fifteen modules.
 */
const runtime = withHelpers(load("handlebars/dist/handlebars.runtime.js"));

let compiler: HandlebarsModule | undefined;

const precompiled: Readonly<Record<string, PrecompiledTemplate>> = existsSync(PRECOMPILED_PATH)
  ? load(PRECOMPILED_PATH)
  : {};

const templates = new Map<TemplateName, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>.hbs` with a view-model shaped for it. */
export function renderTemplate<N extends TemplateName>(name: N, view: TemplateViews[N]): string {
  let template = templates.get(name);
  if (template === undefined) {
    template = loadTemplate(name);
    templates.set(name, template);
  }
  return template(view);
}

/** A user's template in place of the built-in one of the same name. */
export interface TemplateOverride {
  readonly name: TemplateName;
  /** As headers and problems name it: relative to the project root. */
  readonly path: string;
  readonly sha256: string;
  readonly template: Handlebars.TemplateDelegate;
}

/** An override that failed while rendering: the Handlebars message and where in the override it stood. */
export class TemplateRenderError extends Error {
  constructor(
    readonly override: TemplateOverride,
    readonly line: number | undefined,
    readonly column: number | undefined,
    problem: string,
  ) {
    super(problem);
  }
}

/** The templates of a run: the built-in ones, with the project's overrides in their place. */
export class TemplateSet {
  constructor(private readonly overrides: ReadonlyMap<TemplateName, TemplateOverride> = new Map()) {}

  render<N extends TemplateName>(name: N, view: TemplateViews[N]): string {
    const override = this.overrides.get(name);
    if (override === undefined) return renderTemplate(name, view);
    try {
      return override.template(view);
    } catch (error) {
      // Handlebars' exceptions end their message with ` - line:column` (column 0-based) and carry both.
      const message = error instanceof Error ? error.message.replace(/ - \d+:\d+$/, "") : String(error);
      const line: unknown = error instanceof Error ? Reflect.get(error, "lineNumber") : undefined;
      const column: unknown = error instanceof Error ? Reflect.get(error, "column") : undefined;
      throw new TemplateRenderError(override, typeof line === "number" ? line : undefined, typeof column === "number" ? column + 1 : undefined, message);
    }
  }

  /** The override used for `name`, if any. */
  overrideOf(name: TemplateName): TemplateOverride | undefined {
    return this.overrides.get(name);
  }
}

/** `source` compiled as every template is (strict, known helpers only, no escaping): a user's override, or an edited built-in. */
export function compileTemplate(source: string): Handlebars.TemplateDelegate {
  compiler ??= withHelpers(load("handlebars"));
  return compiler.compile(source, COMPILE_OPTIONS);
}

function loadTemplate(name: TemplateName): Handlebars.TemplateDelegate {
  return templateOf(readFileSync(join(TEMPLATE_DIR, `${name}.hbs`), "utf8"), precompiled[name]);
}

/** The template of `source`: as the build compiled it when built from this very source, else compiled now. */
export function templateOf(source: string, built: PrecompiledTemplate | undefined): Handlebars.TemplateDelegate {
  if (built !== undefined && built.sha256 === sha256(source)) return runtime.template(built.spec);
  return compileTemplate(source);
}

/**
 * The text of `dist/templates.cjs`: every template of `templates/` precompiled, keyed by its name
 * (`client.ts` for `client.ts.hbs`).
 */
export function precompiledModuleText(): string {
  const handlebars: HandlebarsModule = load("handlebars");
  const entries = readdirSync(TEMPLATE_DIR)
    .filter((file) => file.endsWith(".hbs"))
    .sort()
    .map((file) => {
      const source = readFileSync(join(TEMPLATE_DIR, file), "utf8");
      const spec = handlebars.precompile(source, COMPILE_OPTIONS);
      return `  ${JSON.stringify(file.slice(0, -".hbs".length))}: { sha256: ${JSON.stringify(sha256(source))}, spec: ${String(spec)} },`;
    });
  return [
    "// templates/*.hbs precompiled by `npm run build` (src/emit/render.ts). Do not edit.",
    "module.exports = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A Handlebars environment with the escapers, one per output context (STYLE.md 7). */
function withHelpers(handlebars: HandlebarsModule): HandlebarsModule {
  const environment = handlebars.create();
  /** A whole JSDoc comment of spec text, continued `indent=N` spaces in (./escape.ts). */
  environment.registerHelper("doc", (text: unknown, options: Handlebars.HelperOptions) =>
    jsdocComment(present(text, "doc"), indentOf(options)),
  );
  /** Spec text inside a comment the template writes; line breaks continue it `indent=N` spaces in. */
  environment.registerHelper("jsdoc", (text: unknown, options: Handlebars.HelperOptions) =>
    jsdocText(present(text, "jsdoc"), indentOf(options)),
  );
  /** A TypeScript string literal. */
  environment.registerHelper("str", (text: unknown) => stringLiteral(present(text, "str")));
  return environment;
}

/** A helper's argument as text; `strict` leaves helper arguments unchecked, so a missing one is caught here. */
function present(value: unknown, helper: string): string {
  if (value === undefined) throw new Error(`${helper}: its argument is not a field of the view-model`);
  return String(value);
}

function indentOf(options: Handlebars.HelperOptions): number {
  const indent: unknown = options.hash["indent"];
  return typeof indent === "number" ? indent : 0;
}
