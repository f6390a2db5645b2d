/**
 * Reading a config file into a plain value, by its extension: JSON and YAML are parsed with the place of
 * every field kept (so a wrong value is reported at its line and column); `.mjs` is imported; `.ts` is
 * loaded through jiti, which strips the types in process, so a TypeScript config needs nothing installed
 * besides mqttgen, on every supported Node.js version. A module's fields have no known place: their
 * problems name the file and the field.
 */
import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { SourceSpan } from "../model.js";
import { pointSpan, projectDiagnostic, type ProjectDiagnostic } from "../project-diagnostics.js";

/** Where each field of a config stands, keyed by its path as messages show it (`specs[1].output`). */
export type FieldPlaces = ReadonlyMap<string, { readonly key?: SourceSpan; readonly value: SourceSpan }>;

export type LoadedConfigFile =
  | { readonly ok: true; readonly value: unknown; readonly places: FieldPlaces }
  | { readonly ok: false; readonly diagnostic: ProjectDiagnostic };

/**
 * The value the config file at `path` holds; `file` is how problems name it. Throws only when the file
 * cannot be read.
 */
export async function loadConfigFile(path: string, file: string): Promise<LoadedConfigFile> {
  switch (extname(path)) {
    case ".json":
      return loadJson(readFileSync(path, "utf8"), file);
    case ".ts":
    case ".mjs":
      return loadModule(path, file);
    default:
      return loadYaml(readFileSync(path, "utf8"), file);
  }
}

function loadJson(text: string, file: string): LoadedConfigFile {
  try {
    JSON.parse(text);
  } catch (error) {
    // V8 names the offset of some errors (`… in JSON at position 42`) and quotes the text around others;
    // for those the YAML parser, which reads JSON too, usually finds the same fault with its place.
    const message = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const problem = message.replace(/ in JSON at position \d+.*$/s, "").replace(/, (\.\.\.)?".*$/s, "");
    return failed(`not valid JSON: ${problem}`, file, offset === undefined ? yamlErrorPlace(text) : pointAt(text, Number(offset)));
  }
  // JSON is YAML: the YAML parser gives the places of the fields the same way for both.
  return loadYaml(text, file);
}

function yamlErrorPlace(text: string): SourceSpan | undefined {
  const lines = new LineCounter();
  const error = parseDocument(text, { lineCounter: lines, prettyErrors: false }).errors[0];
  return error && placeOf(lines, error.pos[0]);
}

function placeOf(lines: LineCounter, offset: number): SourceSpan {
  const { line, col } = lines.linePos(offset);
  return pointSpan(line, col);
}

function loadYaml(text: string, file: string): LoadedConfigFile {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const error = document.errors[0];
  if (error !== undefined) return failed(`not valid YAML: ${error.message.split("\n")[0] ?? error.code}`, file, placeOf(lines, error.pos[0]));
  const places = new Map<string, { key?: SourceSpan; value: SourceSpan }>();
  const span = (node: Node | null | undefined): SourceSpan | undefined => {
    const range = node?.range;
    if (!range) return undefined;
    const start = lines.linePos(range[0]);
    const end = lines.linePos(range[1]);
    return {
      start: { line: start.line, column: start.col },
      end: { line: end.line, column: end.col },
    };
  };
  const walk = (node: unknown, path: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = `${path}${path === "" ? "" : "."}${String(pair.key.value)}`;
        const value = span(pair.value as Node | null) ?? span(pair.key);
        if (value !== undefined) places.set(child, { ...withKey(span(pair.key)), value });
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = `${path}[${index}]`;
        const value = span(item as Node);
        if (value !== undefined) places.set(child, { value });
        walk(item, child);
      });
    }
  };
  walk(document.contents, "");
  const root = span(document.contents);
  if (root !== undefined) places.set("", { value: root });
  return { ok: true, value: document.toJS(), places };
}

function withKey(key: SourceSpan | undefined): { key?: SourceSpan } {
  return key === undefined ? {} : { key };
}

/** A config module's default export. Each load reads the file anew, so watch mode sees every edit. */
async function loadModule(path: string, file: string): Promise<LoadedConfigFile> {
  try {
    const value = path.endsWith(".ts") ? await importTypeScript(path) : await importFresh(path);
    if (value === undefined) return failed("the module has no default export; write `export default defineConfig({ … })`", file, undefined);
    return { ok: true, value, places: new Map() };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return failed(`cannot load the module: ${message}`, file, moduleErrorPlace(error));
  }
}

async function importFresh(path: string): Promise<unknown> {
  // ES modules are cached by URL: a query naming the file's modification time loads an edited file anew.
  const url = `${pathToFileURL(path).href}?mtime=${statSync(path).mtimeMs}`;
  const namespace = (await import(url)) as { default?: unknown };
  return namespace.default;
}

async function importTypeScript(path: string): Promise<unknown> {
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url, {
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  return jiti.import(path, { default: true });
}

/**
 * The line and column of a syntax error in a module, when the error says: jiti ends its message with
 * `path:line:column` (column 0-based); Node.js's own syntax errors of ES modules do not say.
 */
function moduleErrorPlace(error: unknown): SourceSpan | undefined {
  const message = error instanceof Error ? error.message : "";
  const place = /:(\d+):(\d+)\s*$/.exec(message);
  return place ? pointSpan(Number(place[1]), Number(place[2]) + 1) : undefined;
}

function pointAt(text: string, offset: number): SourceSpan {
  const before = text.slice(0, offset).split("\n");
  return pointSpan(before.length, (before.at(-1)?.length ?? 0) + 1);
}

function failed(problem: string, file: string, at: SourceSpan | undefined): LoadedConfigFile {
  return {
    ok: false,
    diagnostic: projectDiagnostic("config-load", { problem }, file, at),
  };
}
