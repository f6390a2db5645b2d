/**
 * What the H1 and the prose under it say about the API: title, description, api-version and version
 * (PROTOCOL.md Q17: "version 2.0 (api-version: `2020-10-01-preview`)").
 */
import type { NoteModel, SourceSpan } from "../../model.js";
import { report, type MarkdownContext } from "./context.js";
import { plainText, sourceOfBlocks, spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import type { Section } from "./outline.js";

export interface ApiHeader {
  readonly title: string;
  readonly description: string;
  readonly apiVersion: string;
  readonly version: string;
  readonly notes: NoteModel[];
  readonly span: SourceSpan | undefined;
}

export function readHeader(title: Section, context: MarkdownContext): ApiHeader {
  const paragraphs = title.body.filter((block) => block.type === "paragraph");
  const notes = title.body.flatMap((block) => (block.type === "blockquote" ? [noteModel(block, context)] : []));
  const prose = paragraphs.map((paragraph) => plainText(paragraph)).join("\n");
  const apiVersion = /api-version\s*[:=]?\s*([0-9A-Za-z][\w.-]*)/i.exec(prose)?.[1];
  const span = spanOf(title.heading);
  if (apiVersion === undefined) {
    report(context, "missing-api-version", "the prose under the title states no api-version", span);
  }
  return {
    title: title.title,
    description: sourceOfBlocks(context.text, paragraphs),
    apiVersion: apiVersion ?? "",
    version: /(?<![\w-])version\s+v?(\d+(?:\.\d+)*)/i.exec(prose)?.[1] ?? "",
    notes,
    span,
  };
}
