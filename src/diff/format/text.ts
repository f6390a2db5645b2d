/** `file:line:col: severity rule: message`, one line per change, as compilers and editors print problems. */
import type { Change, ChangeLocation } from "../change.js";
import { RULES } from "../rules.js";

export function formatText(changes: readonly Change[]): string {
  return changes.map((change) => `${where(reportedAt(change))}: ${change.severity} ${change.rule}: ${change.message}\n`).join("");
}

/** Where a change is shown: in NEW, or in OLD for what NEW no longer has. */
export function reportedAt(change: Change): ChangeLocation | null {
  const removal = "removal" in RULES[change.rule];
  return removal ? (change.old ?? change.new) : (change.new ?? change.old);
}

function where(location: ChangeLocation | null): string {
  return location === null ? "-" : `${location.file}:${location.line}:${location.column}`;
}
