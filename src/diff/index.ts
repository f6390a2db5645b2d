/**
 * `mqttgen diff` as a library: `diffModels` compares two operations models and returns every change once,
 * in a stable order (API, CONNECT and the dialect's conventions, operations in NEW's order then removed ones, catalog, payload
 * types, version check). Pure: no files, no clock. Formatters and the changelog live in `format/`.
 */
import type { ApiModel } from "../model.js";
import { ChangeRecorder, type Change, type DiffContext } from "./change.js";
import { compareConnect } from "./connect.js";
import { compareConventions } from "./conventions.js";
import { dialectOf } from "./dialect.js";
import { compareOperations } from "./operations.js";
import { compareProse, notesText } from "./prose.js";
import { comparePayloadTypes } from "./schemas.js";
import type { DiffScope } from "./scope.js";
import { compareCatalog } from "./statuses.js";
import { compareResponseTopics } from "./topics.js";
import { checkVersionBump } from "./version.js";

export type { Change, ChangeLocation, DiffContext } from "./change.js";

export function diffModels(oldModel: ApiModel, newModel: ApiModel, context: DiffContext): Change[] {
  const recorder = new ChangeRecorder(context);
  const dialects = context.dialects ?? { old: dialectOf(oldModel), new: dialectOf(newModel) };
  const scope: DiffScope = { old: oldModel, new: newModel, dialects, recorder };
  compareConnect(scope);
  compareResponseTopics(scope);
  compareConventions(scope);
  compareApiProse(scope);
  compareOperations(scope);
  compareCatalog(scope);
  comparePayloadTypes(scope);
  checkVersionBump(scope, recorder.changes());
  return [...recorder.changes()];
}

function compareApiProse(scope: DiffScope): void {
  const { old: a, new: b } = scope;
  const frontMatter = (model: ApiModel): string =>
    Object.entries(model.frontMatter)
      .map(([key, value]) => `${key}: ${value}`)
      .join("\n");
  compareProse(
    scope,
    "API",
    [
      ["title", a.title, b.title],
      ["version", a.version, b.version],
      ["description", a.description, b.description],
      ["front matter", frontMatter(a), frontMatter(b)],
      ["notes", notesText(a.notes), notesText(b.notes)],
    ],
    { old: a.span, new: b.span },
  );
}
