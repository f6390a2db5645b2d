/**
 * The changelog a person pastes into release notes: breaking changes, other changes (those to check
 * first), documentation. Deterministic: the engine's order within each group. The HTML changelog page of
 * a spec family (src/emit/family/changelog-page.ts) shows the same groups.
 */
import type { Change } from "../change.js";
import { code } from "../change.js";

/** What the changelog's heading names of each spec. */
export interface ChangelogSide {
  readonly title: string;
  readonly apiVersion: string;
}

export function renderChangelog(changes: readonly Change[], sides: { readonly old: ChangelogSide; readonly new: ChangelogSide }): string {
  const versions =
    sides.old.apiVersion === sides.new.apiVersion
      ? `api-version ${code(sides.new.apiVersion)}`
      : `api-version ${code(sides.old.apiVersion)} to ${code(sides.new.apiVersion)}`;
  const lines = [`## ${escapeText(sides.new.title)}: changes, ${versions}`, ""];
  if (changes.length === 0) lines.push("No changes.", "");
  for (const section of changelogSections(changes)) {
    lines.push(`### ${section.heading}`, "", ...section.items.map((entry) => `- ${entry.check ? "**Check:** " : ""}${entry.change.message} (${code(entry.change.rule)})`), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** A group of the changelog; `check` marks the warnings among other changes, listed first. */
export interface ChangelogSection {
  readonly heading: "Breaking changes" | "Other changes" | "Documentation";
  readonly items: readonly { readonly change: Change; readonly check: boolean }[];
}

/** The changelog's groups, the empty ones left out: the markdown here and the HTML changelog page show the same. */
export function changelogSections(changes: readonly Change[]): ChangelogSection[] {
  const breaking = changes.filter((c) => c.severity === "error");
  const docs = changes.filter((c) => c.severity !== "error" && c.category === "docs");
  const other = changes.filter((c) => c.severity !== "error" && c.category !== "docs");
  const toCheck = [...other.filter((c) => c.severity === "warning"), ...other.filter((c) => c.severity !== "warning")];
  const sections: ChangelogSection[] = [
    { heading: "Breaking changes", items: breaking.map((change) => ({ change, check: false })) },
    { heading: "Other changes", items: toCheck.map((change) => ({ change, check: change.severity === "warning" })) },
    { heading: "Documentation", items: docs.map((change) => ({ change, check: false })) },
  ];
  return sections.filter((section) => section.items.length > 0);
}

/** Prose from a spec title, shown as text: markdown's active characters escaped. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
