/**
 * DocFX alert blocks (`> [!NOTE]`, `> [!TIP]`, …, docs/protocol.md#reading-the-reference). Later revisions of the reference put
 * them anywhere; readers skip them for structure and keep them as documentation on the enclosing node.
 */
import type { Blockquote } from "mdast";
import { NOTE_KINDS, type NoteModel } from "../../model.js";
import type { MarkdownContext } from "./context.js";
import { sourceOf, spanOf } from "./mdast.js";
import { decodeProse } from "./prose.js";

const MARKER = new RegExp(String.raw`^\s*\[!(${NOTE_KINDS.join("|")})\][ \t]*\n?`, "i");

export function noteModel(quote: Blockquote, context: MarkdownContext): NoteModel {
  const unquoted = sourceOf(context.text, quote)
    .split("\n")
    .map((line) => line.replace(/^[ \t]*>[ \t]?/, ""))
    .join("\n");
  const marker = MARKER.exec(unquoted);
  const kind = NOTE_KINDS.find((known) => known === marker?.[1]?.toLowerCase()) ?? "note";
  const text = decodeProse((marker ? unquoted.slice(marker[0].length) : unquoted).trim());
  const span = spanOf(quote);
  return { kind, text, ...(span ? { span } : {}) };
}
