/** The reporting shape every check shares, and the identifier check most of them end in. */
import type { DiagnosticCode } from "../diagnostics.js";
import type { SourceSpan } from "../model.js";
import { isUsableIdentifier } from "../names.js";

export type Report = (code: DiagnosticCode, message: string, span?: SourceSpan) => void;

export interface Named {
  readonly name: string;
  readonly identifier: string;
  readonly span: SourceSpan | undefined;
}

/** Each name must give a usable identifier, distinct from the others of its scope. */
export function checkIdentifiers(what: string, named: readonly Named[], report: Report): void {
  const owners = new Map<string, string>();
  for (const { name, identifier, span } of named) {
    if (identifier === "" || !/^[\p{ID_Start}_$]/u.test(identifier)) {
      report("invalid-identifier", `${what} ${JSON.stringify(name)} gives no usable identifier (${JSON.stringify(identifier)})`, span);
      continue;
    }
    if (!isUsableIdentifier(identifier)) {
      report("reserved-identifier", `${what} ${JSON.stringify(name)} becomes the reserved word ${identifier}`, span);
      continue;
    }
    const owner = owners.get(identifier);
    if (owner !== undefined) {
      report("identifier-clash", `${what} ${JSON.stringify(name)} and ${JSON.stringify(owner)} both become ${identifier}`, span);
    } else {
      owners.set(identifier, name);
    }
  }
}
