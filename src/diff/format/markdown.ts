/**
 * The changelog a person pastes into release notes: breaking changes, other changes (those to check
 * first), documentation. Deterministic: the engine's order within each group. A later docs emitter
 * renders the same text between consecutive api-versions.
 */
import type { Change } from "../change.js";
import { code } from "../change.js";

/** What the changelog's heading names of each spec. */
export interface ChangelogSide {
  readonly title: string;
  readonly apiVersion: string;
}

export function renderChangelog(changes: readonly Change[], sides: { readonly old: ChangelogSide; readonly new: ChangelogSide }): string {
  const breaking = changes.filter((c) => c.severity === "error");
  const docs = changes.filter((c) => c.severity !== "error" && c.category === "docs");
  const other = changes.filter((c) => c.severity !== "error" && c.category !== "docs");
  const toCheck = [...other.filter((c) => c.severity === "warning"), ...other.filter((c) => c.severity !== "warning")];
  const versions =
    sides.old.apiVersion === sides.new.apiVersion
      ? `api-version ${code(sides.new.apiVersion)}`
      : `api-version ${code(sides.old.apiVersion)} to ${code(sides.new.apiVersion)}`;
  const lines = [`## ${escapeText(sides.new.title)}: changes, ${versions}`, ""];
  if (changes.length === 0) lines.push("No changes.", "");
  section(lines, "Breaking changes", breaking.map(item));
  section(lines, "Other changes", toCheck.map((c) => (c.severity === "warning" ? `${item(c).replace(/^- /, "- **Check:** ")}` : item(c))));
  section(lines, "Documentation", docs.map(item));
  return `${lines.join("\n").trimEnd()}\n`;
}

function section(lines: string[], heading: string, items: readonly string[]): void {
  if (items.length > 0) lines.push(`### ${heading}`, "", ...items, "");
}

function item(change: Change): string {
  return `- ${change.message} (${code(change.rule)})`;
}

/** Prose from a spec title, shown as text: markdown's active characters escaped. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
