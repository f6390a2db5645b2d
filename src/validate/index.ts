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
import { checkTopic } from "./topics.js";

export function validateModel(model: ApiModel, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report: Report = (code, message, span) => found.push(diagnostic(code, message, file, span));
  checkCatalog(model, report);
  checkAlternatives(model, report);
  for (const operation of model.operations) checkTopic(operation, report);
  checkOperationNames(model, report);
  checkPropertyNames(model, report);
  checkDeclarationNames(model, report);
  checkSchemaRefs(model, report);
  checkClientNames(model, report);
  checkServerNames(model, report);
  return found;
}
