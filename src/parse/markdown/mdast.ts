/**
 * The markdown syntax tree of a spec: CommonMark plus GFM tables and YAML front matter, which is all the
 * reference uses. The micromark/mdast layers under remark-parse, remark-gfm and remark-frontmatter are
 * called directly with only the table and front-matter extensions, because loading and running the rest
 * of GFM (autolinks, footnotes, strikethrough, task lists) costs a third of the parse for nothing.
 */
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";
import type { SourceSpan } from "../../model.js";

export { toString as plainText } from "mdast-util-to-string";

export function parseMdast(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfmTable(), frontmatter(["yaml"])],
    mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(["yaml"])],
  });
}

/** The 1-based span mdast gives a node; nodes built by the parser itself always carry one. */
export function spanOf(node: Nodes): SourceSpan | undefined {
  const position = node.position;
  if (position === undefined) return undefined;
  return {
    start: { line: position.start.line, column: position.start.column },
    end: { line: position.end.line, column: position.end.column },
  };
}

/** From the start of `first` to the end of `last`. */
export function spanOfRange(first: Nodes, last: Nodes): SourceSpan | undefined {
  const start = spanOf(first)?.start;
  const end = spanOf(last)?.end;
  return start && end ? { start, end } : undefined;
}

/** The markdown a node was written as, so prose keeps its code spans and links. */
export function sourceOf(text: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? "" : text.slice(start, end);
}

/** The markdown source of several blocks (paragraphs of one description), joined as separate paragraphs. */
export function sourceOfBlocks(text: string, nodes: readonly Nodes[]): string {
  return nodes
    .map((node) => sourceOf(text, node).trim())
    .filter((source) => source !== "")
    .join("\n\n");
}
