/**
 * Prose as the model holds it: markdown whose code spans, backslash escapes and emphasis are kept, but in
 * which `<` and `&` are literal characters. Character references outside code (`&lt;`, `&amp;`, `&#35;`)
 * are therefore decoded when prose is read; the reference emitter writes exactly those for the `<`, `&`,
 * block syntax and edge whitespace of model prose, so a markdown round trip gives the same text.
 */
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTable } from "micromark-extension-gfm-table";
import { plainText, sourceOf } from "./mdast.js";

const OPTIONS = { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] };

const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/g;

/** The prose of several blocks (paragraphs of one description), joined as separate paragraphs. */
export function proseOfBlocks(text: string, nodes: readonly Nodes[]): string {
  return decodeProse(
    nodes
      .map((node) => sourceOf(text, node).trim())
      .filter((source) => source !== "")
      .join("\n\n"),
  );
}

/**
 * `markdown` with every character reference that stands outside code and raw HTML, and that no
 * backslash escapes, replaced by its character (CommonMark 2.5). Unknown names stay as written.
 */
export function decodeProse(markdown: string): string {
  if (!markdown.includes("&")) return markdown;
  const literal = literalRanges(fromMarkdown(markdown, OPTIONS));
  return markdown.replace(REFERENCE, (match: string, offset: number) => {
    if (literal.some(([start, end]) => offset >= start && offset < end)) return match;
    if (backslashesBefore(markdown, offset) % 2 === 1) return match;
    return decodeReference(match);
  });
}

/** A table cell's markdown as prose: the table's own `\|` escapes resolved, then references decoded. */
export function decodeCell(markdown: string): string {
  return decodeProse(
    markdown.replace(/(\\+)\|/g, (match, slashes: string) =>
      slashes.length % 2 === 1 ? `${slashes.slice(1)}|` : match,
    ),
  );
}

/** Offsets of code and raw HTML, where references are text as written. */
function literalRanges(node: Nodes): [number, number][] {
  if (node.type === "inlineCode" || node.type === "code" || node.type === "html") {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? [] : [[start, end]];
  }
  return "children" in node ? node.children.flatMap((child: Nodes) => literalRanges(child)) : [];
}

function backslashesBefore(text: string, index: number): number {
  let count = 0;
  while (text.charAt(index - count - 1) === "\\") count += 1;
  return count;
}

const decoded = new Map<string, string>();

/** What markdown makes of one reference; between letters, so no block syntax or trimming interferes. */
function decodeReference(reference: string): string {
  let value = decoded.get(reference);
  if (value === undefined) {
    value = plainText(fromMarkdown(`a${reference}a`)).slice(1, -1);
    decoded.set(reference, value);
  }
  return value;
}
