/** The identifier check most name checks end in. */
import type { DiagnosticCollector } from "../diagnostics.js";
import type { SourceSpan } from "../model.js";
import { isUsableIdentifier } from "../names.js";

export interface Named {
  readonly name: string;
  readonly identifier: string;
  readonly span: SourceSpan | undefined;
}

/** Each name must give a usable identifier, distinct from the others of its `scope`. */
export function checkIdentifiers(scope: string, named: readonly Named[], diagnostics: DiagnosticCollector): void {
  const owners = new Map<string, string>();
  for (const { name, identifier, span } of named) {
    if (identifier === "" || !/^[\p{ID_Start}_$]/u.test(identifier)) {
      diagnostics.report({ code: "invalid-identifier", format: { scope, name, identifier }, at: span });
      continue;
    }
    if (!isUsableIdentifier(identifier)) {
      diagnostics.report({ code: "reserved-identifier", format: { scope, name, identifier }, at: span });
      continue;
    }
    const owner = owners.get(identifier);
    if (owner !== undefined) {
      diagnostics.report({ code: "identifier-clash", format: { scope, name, other: owner, identifier }, at: span });
    } else {
      owners.set(identifier, name);
    }
  }
}
