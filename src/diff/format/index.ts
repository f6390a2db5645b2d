/** The output formats of `mqttgen diff`. */
import type { Change } from "../change.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { renderChangelog, type ChangelogSide } from "./markdown.js";
import { formatText } from "./text.js";

export const FORMATS = ["text", "json", "markdown", "github"] as const;
export type Format = (typeof FORMATS)[number];

export function formatChanges(format: Format, changes: readonly Change[], sides: { readonly old: ChangelogSide; readonly new: ChangelogSide }): string {
  switch (format) {
    case "text":
      return formatText(changes);
    case "json":
      return formatJson(changes);
    case "markdown":
      return renderChangelog(changes, sides);
    case "github":
      return formatGithub(changes);
  }
}
