/**
 * What the H1 and the prose under it say about the API: title, description, api-version and version.
 * The reference states the versions in its prose (docs/protocol.md#reading-the-reference: "version 2.0 (api-version:
 * `2020-10-01-preview`)"); a reference whose prose does not may state them in label paragraphs,
 * `**api-version:** \`2024-05-01\`` and `**Version:** \`1.0\``, which are then the only source of both
 * and are not part of the description.
 */
import type { Paragraph } from "mdast";
import type { NoteModel, SourceSpan } from "../../model.js";
import { statedVersions } from "../../model-rules.js";
import type { MarkdownContext } from "./context.js";
import { plainText, spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import type { Section } from "./outline.js";
import { proseOfBlocks } from "./prose.js";

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
  const labels = new Map(paragraphs.map(versionLabel).filter((label) => label !== undefined));
  const prose = paragraphs.filter((paragraph) => versionLabel(paragraph) === undefined);
  const stated =
    labels.size > 0
      ? { apiVersion: labels.get("apiversion"), version: labels.get("version") ?? "" }
      : statedVersions(prose.map((paragraph) => plainText(paragraph)).join("\n"));
  const span = spanOf(title.heading);
  if (title.title.trim() === "") context.diagnostics.report({ code: "missing-title", at: span });
  if (stated.apiVersion === undefined || stated.apiVersion === "") context.diagnostics.report({ code: "missing-api-version", at: span });
  return {
    title: title.title,
    description: proseOfBlocks(context.text, prose),
    apiVersion: stated.apiVersion ?? "",
    version: stated.version,
    notes,
    span,
  };
}

/** A paragraph that opens with a bold `api-version` or `Version` label, as its key and value. */
function versionLabel(paragraph: Paragraph): [key: "apiversion" | "version", value: string] | undefined {
  const [strong, ...rest] = paragraph.children;
  if (strong?.type !== "strong") return undefined;
  const key = plainText(strong)
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
  if (key !== "apiversion" && key !== "version") return undefined;
  const value = rest
    .map((node) => plainText(node))
    .join("")
    .replace(/^[\s:]+/, "")
    .trim();
  return [key, value];
}
