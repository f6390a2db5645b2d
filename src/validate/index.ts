/**
 * Semantic checks on a model from any front end. Front ends report what is wrong with the text;
 * validation reports what is wrong with the API it describes, and anything that would make the generated
 * code fail to compile. It also runs on the partial model of a spec with errors (front ends leave out what
 * they could not read), so every problem of a spec shows in one run. Every diagnostic points at its node.
 * Names are checked as generated code declares them under the type-name stem `typeName` (`iothub`).
 */
import { DiagnosticCollector, type Diagnostic } from "../diagnostics.js";
import type { ApiModel } from "../model.js";
import { checkAlternatives, checkCatalog } from "./catalog.js";
import { checkDeclaredNames, checkOperationNames, checkPropertyNames } from "./names.js";
import { checkRuntimeStatuses } from "./dialect.js";
import { checkFirstClassTypes } from "./properties.js";
import { checkReplies } from "./replies.js";
import { checkPayloadTypes, checkSchemaRefs } from "./schemas.js";
import { checkDialectTopics, checkReplyTopics, checkTopic, checkTopicConflicts } from "./topics.js";

/**
 * Reports the model's problems to `diagnostics` (a spec's collector, which may hold its parse problems
 * already) and returns everything it holds. `file` is the spec's path.
 */
export function validateModel(
  model: ApiModel,
  file: string,
  typeName: string,
  diagnostics = new DiagnosticCollector(file),
): readonly Diagnostic[] {
  checkCatalog(model, diagnostics);
  checkAlternatives(model, diagnostics);
  checkRuntimeStatuses(model, diagnostics);
  for (const operation of model.operations) {
    checkTopic(operation, diagnostics);
    checkReplyTopics(operation, diagnostics);
  }
  checkDialectTopics(model, diagnostics);
  checkTopicConflicts(model, diagnostics);
  checkReplies(model, diagnostics);
  checkOperationNames(model, diagnostics);
  checkPropertyNames(model, diagnostics);
  checkFirstClassTypes(model, diagnostics);
  checkPayloadTypes(model, diagnostics);
  checkSchemaRefs(model, diagnostics);
  checkDeclaredNames(model, typeName, diagnostics);
  return diagnostics.diagnostics;
}
