/**
 * The markdown syntax tree of a spec: CommonMark plus GFM tables and YAML front matter, which is all the
 * reference uses. The micromark/mdast layers under remark-parse, remark-gfm and remark-frontmatter are
 * called directly with only the table and front-matter extensions, because loading and running the rest
 * of GFM (autolinks, footnotes, strikethrough, task lists) costs a third of the parse for nothing.
 */
import type { Nodes, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { frontmatterFromMarkdown } from "mdast-util-frontmatter";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";
import type { SourceSpan } from "../../model.js";
import { LiteralLines } from "./literal-lines.js";

export { toString as plainText } from "mdast-util-to-string";

const OPTIONS = {
  extensions: [gfmTable(), frontmatter(["yaml"])],
  mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(["yaml"])],
};

/**
 * Parses the spec one heading section at a time and joins the trees. A heading ends every block the
 * reference uses, so the result is the tree of the whole text; but micromark's working memory is per
 * call, and on a large spec one call for everything spends most of its time collecting garbage.
 */
export function parseMdast(text: string): Root {
  const children: RootContent[] = [];
  for (const chunk of headingChunks(text)) {
    const tree = fromMarkdown(text.slice(chunk.offset, chunk.end), OPTIONS);
    shift(tree, chunk.line - 1, chunk.offset);
    for (const child of tree.children) children.push(child);
  }
  return { type: "root", children, position: wholeText(text) };
}

interface Chunk {
  /** 1-based line and 0-based offset where the chunk starts. */
  readonly line: number;
  readonly offset: number;
  readonly end: number;
}

/** Splits before every ATX heading of level 1 to 3 (one chunk an operation or response) outside a code fence or an HTML comment. */
function headingChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const literal = new LiteralLines();
  let start = { line: 1, offset: 0 };
  let offset = 0;
  let line = 1;
  while (offset < text.length) {
    const next = text.indexOf("\n", offset);
    const end = next === -1 ? text.length : next + 1;
    const content = text.slice(offset, end);
    if (!literal.inside(content) && /^#{1,3}(\s|$)/.test(content) && offset > start.offset) {
      chunks.push({ ...start, end: offset });
      start = { line, offset };
    }
    offset = end;
    line += 1;
  }
  chunks.push({ ...start, end: text.length });
  return chunks;
}

/** Moves every position of a chunk's tree to where the chunk stands in the whole text (without recursion, as every walk of a tree of unknown depth should). */
function shift(tree: Root, lines: number, offset: number): void {
  const stack: Nodes[] = tree.children.slice();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const position = node.position;
    if (position !== undefined) {
      position.start.line += lines;
      position.end.line += lines;
      if (position.start.offset !== undefined) position.start.offset += offset;
      if (position.end.offset !== undefined) position.end.offset += offset;
    }
    if ("children" in node) for (const child of node.children) stack.push(child);
  }
}

function wholeText(text: string): NonNullable<Root["position"]> {
  const lines = text.split("\n");
  const last = lines[lines.length - 1] ?? "";
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: lines.length, column: last.length + 1, offset: text.length } };
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
