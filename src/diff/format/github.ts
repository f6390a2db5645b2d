/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), one per change, so
 * a pull request shows each change on the line of the spec it changed. Annotations belong on the files
 * of the checkout, so a change is placed in NEW whenever NEW has a place for it (for a removal, the node it
 * was removed from), and without a file when its only place is a `git:` spec.
 */
import type { Change } from "../change.js";
import type { Severity } from "../rules.js";

const COMMANDS: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

export function formatGithub(changes: readonly Change[]): string {
  return changes.map((change) => `::${COMMANDS[change.severity]} ${properties(change)}::${escapeData(change.message)}\n`).join("");
}

function properties(change: Change): string {
  const location = change.new ?? change.old;
  const place: [string, string][] =
    location === null || location.file.startsWith("git:")
      ? []
      : [["file", location.file], ["line", String(location.line)], ["col", String(location.column)]];
  const title: [string, string] = ["title", `mqttgen diff ${change.rule}`];
  return [...place, title].map(([key, value]) => `${key}=${escapeProperty(value)}`).join(",");
}

/** The escaping of @actions/core's `toCommandValue`/`escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
