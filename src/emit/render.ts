/**
 * Handlebars rendering for emitters. Templates are compiled strictly (`strict`, `knownHelpersOnly`,
 * `noEscape`): a missing view-model field is an error, not an empty string, and the only helpers are the
 * escapers below, one per output context. Templates therefore only loop and test named booleans.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { PACKAGE_ROOT } from "../package-root.js";
import { stringLiteral } from "./layout.js";

const TEMPLATE_DIR = join(PACKAGE_ROOT, "templates");

const runtime = Handlebars.create();

/** Text inside a JSDoc comment: nothing may close it, and `@` cannot start a tag (STYLE.md 7). */
runtime.registerHelper("jsdoc", (text: unknown) =>
  String(text)
    .replace(/\*\//g, "*\u2215")
    .replace(/\r?\n/g, "\n * ")
    .replace(/(^|\s)@/g, "$1\\@"),
);
/** A TypeScript string literal in prettier's choice of quotes. */
runtime.registerHelper("str", (text: unknown) => stringLiteral(String(text)));
/** Text in HTML content or a double-quoted attribute. */
runtime.registerHelper("html", (text: unknown) =>
  String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;"),
);

const KNOWN_HELPERS = { jsdoc: true, str: true, html: true } as const;

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/<name>.hbs` with a view-model shaped for it. */
export function renderTemplate(name: string, view: object): string {
  let template = compiled.get(name);
  if (template === undefined) {
    const source = readFileSync(join(TEMPLATE_DIR, `${name}.hbs`), "utf8");
    template = runtime.compile(source, { strict: true, noEscape: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
    compiled.set(name, template);
  }
  return template(view);
}
