/** The version check (oasdiff `api-version-not-bumped`): breaking changes need a new api-version. */
import type { Change } from "./change.js";
import { code } from "./change.js";
import type { DiffScope } from "./scope.js";

/** Run last: counts the errors every other area reported. */
export function checkVersionBump(scope: DiffScope, changes: readonly Change[]): void {
  const breaking = changes.filter((change) => change.severity === "error").length;
  if (breaking === 0 || scope.old.apiVersion !== scope.new.apiVersion) return;
  scope.recorder.report(
    "breaking-without-version-bump",
    { old: scope.old.span, new: scope.new.span },
    { count: String(breaking), to: code(scope.new.apiVersion) },
  );
}
