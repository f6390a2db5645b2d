/**
 * What a client must send in CONNECT. Today the model says only which api-version it states; the
 * dialect says whether CONNECT carries it at all. Limits and CONNECT properties join here when the model
 * can express them.
 */
import { code } from "./change.js";
import type { DiffScope } from "./scope.js";

export function compareConnect(scope: DiffScope): void {
  if (scope.old.apiVersion === scope.new.apiVersion) return;
  scope.recorder.report(
    "api-version-changed",
    { old: scope.old.span, new: scope.new.span },
    { from: code(scope.old.apiVersion), to: code(scope.new.apiVersion) },
    { conditions: () => (scope.dialects.new.connectStatesApiVersion ? ["connect-states-api-version"] : []) },
  );
}
