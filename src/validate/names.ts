/**
 * Names in generated code, checked on the list of what each generated file declares
 * (src/declarations.ts, which the view-models name things from): every name a usable identifier and
 * distinct within its scope, and a name that two files export meaning one thing.
 */
import { declarationsOf, type Declaration, type DeclarationScope, type GeneratedFile } from "../declarations.js";
import type { DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, OperationModel } from "../model.js";
import { isIdentifierName, isUsableIdentifier, isUsableMember, OBJECT_INTERNALS } from "../names.js";

export function checkDeclaredNames(model: ApiModel, typeName: string, diagnostics: DiagnosticCollector): void {
  const { scopes } = declarationsOf(model, typeName);
  for (const scope of scopes) checkScope(scope, diagnostics);
  checkExports(scopes, diagnostics);
}

/**
 * Each name of the spec's must give a usable identifier, distinct from the others of its scope. Members
 * may be reserved words (`default`, `delete()`); top-level bindings may not.
 */
function checkScope(scope: DeclarationScope, diagnostics: DiagnosticCollector): void {
  const owners = new Map<string, Declaration>();
  const member = scope.owner !== "";
  for (const declaration of scope.declarations) {
    const { identifier, label, span } = declaration;
    if (label !== "" && !isIdentifierName(identifier)) {
      diagnostics.report({ code: "invalid-identifier", format: { label, identifier }, at: span });
      continue;
    }
    if (label !== "" && member && !isUsableMember(identifier)) {
      diagnostics.report({ code: "reserved-identifier", messageId: "object-internal", format: { label }, at: span });
      continue;
    }
    if (label !== "" && !member && !isUsableIdentifier(identifier)) {
      diagnostics.report({ code: "reserved-identifier", format: { label, identifier }, at: span });
      continue;
    }
    const owner = owners.get(identifier);
    if (owner === undefined) {
      owners.set(identifier, declaration);
    } else if (owner.label === "") {
      const format = { label, identifier, reservedBy: scope.reservedBy };
      diagnostics.report({ code: "identifier-clash", messageId: "fixed", format, at: span });
    } else {
      diagnostics.report({ code: "identifier-clash", format: { label, other: owner.label, identifier }, at: span });
    }
  }
}

interface Export {
  readonly file: GeneratedFile;
  readonly declaration: Declaration;
}

/**
 * One exported name, one thing: an application importing two generated files (the client and the
 * server in one test, the statuses and the payloads) must not meet one name with two meanings.
 */
function checkExports(scopes: readonly DeclarationScope[], diagnostics: DiagnosticCollector): void {
  const exported = new Map<string, Export>();
  for (const scope of scopes.filter((s) => s.owner === "")) {
    for (const declaration of scope.declarations.filter((d) => d.binding === "export")) {
      const first = exported.get(declaration.identifier);
      if (first === undefined) {
        exported.set(declaration.identifier, { file: scope.file, declaration });
        continue;
      }
      if (first.file === scope.file) continue;
      if (first.declaration.label !== "" && declaration.label !== "") {
        const format = { label: declaration.label, identifier: declaration.identifier, file: scope.file, other: first.declaration.label, otherFile: first.file };
        diagnostics.report({ code: "export-clash", format, at: declaration.span });
        continue;
      }
      // The spec's name is the one to change: a name a file fixes itself is reported at the other.
      const later: Export = { file: scope.file, declaration };
      const [named, fixed] = declaration.label === "" ? [first, later] : [later, first];
      if (named.declaration.label === "") continue;
      const format = { label: named.declaration.label, identifier: declaration.identifier, file: named.file, otherFile: fixed.file };
      diagnostics.report({ code: "export-clash", messageId: "fixed", format, at: named.declaration.span });
    }
  }
}

export function checkOperationNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const byId = new Map<string, OperationModel>();
  for (const operation of model.operations) {
    const earlier = byId.get(operation.id);
    if (earlier) {
      diagnostics.report({ code: "duplicate-operation", format: { operation: operation.name, other: earlier.name }, at: operation.span });
    } else {
      byId.set(operation.id, operation);
    }
  }
}

/** Property names repeated within one message, or naming an object internal (their keys are the list's to check). */
export function checkPropertyNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const messages = [
    ...model.operations.flatMap((o) => [o.request, ...(o.success ? [o.success] : [])]),
    ...model.responses,
  ];
  for (const message of messages) {
    const seen = new Set<string>();
    for (const property of message.properties) {
      if (seen.has(property.name)) diagnostics.report({ code: "duplicate-property", format: { property: property.name }, at: property.span });
      if (OBJECT_INTERNALS.has(property.name)) {
        diagnostics.report({ code: "reserved-identifier", messageId: "object-internal", format: { label: `property "${property.name}"` }, at: property.span });
      }
      seen.add(property.name);
    }
  }
}
