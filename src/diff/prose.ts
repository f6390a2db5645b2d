/** Prose-only differences: reported once per node and text, as documentation changes. */
import type { NoteModel } from "../model.js";
import type { Site } from "./change.js";
import type { DiffScope } from "./scope.js";

/** One piece of prose of a node: what it is called in the message, and its text in OLD and NEW. */
export type ProseField = readonly [what: string, old: string, new: string];

/** Reports each prose field of `subject` whose text differs. */
export function compareProse(scope: DiffScope, subject: string, fields: readonly ProseField[], site: Site): void {
  for (const [what, before, after] of fields) {
    if (before !== after) scope.recorder.report("prose-changed", site, { subject, what });
  }
}

/** Notes compared as one piece of prose: kinds and texts in order. */
export function notesText(notes: readonly NoteModel[]): string {
  return notes.map((note) => `${note.kind}: ${note.text}`).join("\n");
}
