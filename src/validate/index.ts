/**
 * Semantic checks on a model from any front end, run once before emitting. Front ends report what is
 * wrong with the text; validation reports what is wrong with the API it describes, and anything that
 * would make the generated code fail to compile. Every diagnostic points at the offending node.
 */
import { diagnostic, type Diagnostic } from "../diagnostics.js";
import type { ApiModel } from "../model.js";
import { checkAlternatives, checkCatalog } from "./catalog.js";
import {
  checkClientNames,
  checkDeclarationNames,
  checkOperationNames,
  checkPropertyNames,
  checkServerNames,
} from "./names.js";
import type { Report } from "./report.js";
import { checkSchemaRefs } from "./schemas.js";
import { checkTopic, checkTopicConflicts } from "./topics.js";

export function validateModel(model: ApiModel, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const places = new Set<string>();
  // One problem per code and place: a bad name fails every identifier made from it, and once is enough.
  const report: Report = (code, message, span) => {
    const place = `${code} ${span?.file ?? ""}:${span?.start.line}:${span?.start.column}`;
    if (span !== undefined && places.has(place)) return;
    places.add(place);
    found.push(diagnostic(code, message, file, span));
  };
  if (model.title.trim() === "") report("missing-title", "the title is empty", model.span);
  checkCatalog(model, report);
  checkAlternatives(model, report);
  for (const operation of model.operations) checkTopic(operation, report);
  checkTopicConflicts(model, report);
  checkOperationNames(model, report);
  checkPropertyNames(model, report);
  checkDeclarationNames(model, report);
  checkSchemaRefs(model, report);
  checkClientNames(model, report);
  checkServerNames(model, report);
  return found;
}
