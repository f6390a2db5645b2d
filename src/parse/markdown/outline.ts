/**
 * The heading outline of a spec: every heading owns the blocks up to the next heading and the deeper
 * headings under it. Readers walk this tree instead of the flat list of blocks mdast gives.
 */
import type { Heading, RootContent } from "mdast";
import { plainText } from "./mdast.js";

export interface Section {
  readonly heading: Heading;
  /** The heading as plain text (escapes and references resolved; markdown trims the heading). */
  readonly title: string;
  /** Blocks between this heading and the next heading of any depth. */
  readonly body: RootContent[];
  readonly children: Section[];
}

export interface Outline {
  /** Blocks before the first heading (front matter, comments). */
  readonly preamble: RootContent[];
  readonly sections: Section[];
}

export function outline(blocks: readonly RootContent[]): Outline {
  const preamble: RootContent[] = [];
  const sections: Section[] = [];
  const open: Section[] = [];
  for (const block of blocks) {
    if (block.type !== "heading") {
      (open.at(-1)?.body ?? preamble).push(block);
      continue;
    }
    while ((open.at(-1)?.heading.depth ?? 0) >= block.depth) open.pop();
    const section: Section = { heading: block, title: plainText(block), body: [], children: [] };
    (open.at(-1)?.children ?? sections).push(section);
    open.push(section);
  }
  return { preamble, sections };
}
