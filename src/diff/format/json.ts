/** The JSON report: `{"changes": [...]}`, as `changes.schema.json` describes it. */
import type { Change } from "../change.js";

export function formatJson(changes: readonly Change[]): string {
  return `${JSON.stringify({ changes }, null, 2)}\n`;
}
