/**
 * Spec text as safe HTML for the HTML reference. Descriptions are markdown: code spans become `<code>`,
 * backslash escapes are resolved, everything else stays text, and all of it is escaped first, so spec
 * text can never open an element. Blocks are laid out as prettier prints HTML (printWidth 80, greedy
 * word fill), so the page is stable under prettier without running it.
 */
import { fits, PRINT_WIDTH } from "../layout.js";
import { displayWidth } from "./markdown-table.js";
import { inlineSegments } from "./markdown-text.js";

/** HTML's white space (not `\s`, which also takes no-break and other Unicode spaces that are text). */
const WHITESPACE = /[\t\n\f\r ]+/g;

/** Escapes text for HTML content and double-quoted attributes, like the template's `html` helper. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Inline markdown as HTML: code spans as `<code>`, the rest as escaped text (CommonMark 6.1, 2.4). Code
 * spans are found as the markdown reference finds them, so both show the same code.
 */
export function inlineMarkdownHtml(markdown: string): string {
  return inlineSegments(markdown)
    .map((segment) => {
      if (!segment.code) return textHtml(segment.text);
      const fence = /^`+/.exec(segment.text)?.[0].length ?? 0;
      return `<code>${escapeHtml(codeContent(segment.text.slice(fence, -fence)))}</code>`;
    })
    .join("");
}

function textHtml(markdown: string): string {
  return escapeHtml(markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1"));
}

/** Line endings become spaces; one space is stripped from both ends when both have one. */
function codeContent(raw: string): string {
  const content = raw.replace(/\r?\n/g, " ");
  return /^ .*[^ ].* $/.test(content) ? content.slice(1, -1) : content;
}

/** Paragraphs of a markdown description, each as inline HTML; none for an empty description. */
export function paragraphsHtml(markdown: string): string[] {
  return markdown
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map(inlineMarkdownHtml);
}

/**
 * `<tag>inner</tag>` as prettier prints a block element at `indent` spaces: on one line when it fits,
 * else the tags on their own lines and the words filled in between. White space runs count as one
 * space, as prettier reads them (a line break in spec prose is a space). The first line carries no
 * indentation (the template places it); later lines carry their own.
 */
export function htmlBlock(tag: string, inner: string, indent: number, attributes = ""): string {
  const text = inner.replace(WHITESPACE, " ").trim();
  const open = `<${tag}${attributes}>`;
  const close = `</${tag}>`;
  const line = `${open}${text}${close}`;
  if (fits(" ".repeat(indent) + line) || text === "") return line;
  const inside = " ".repeat(indent + 2);
  return [open, ...fill(words(text), indent + 2).map((words) => inside + words), " ".repeat(indent) + close].join("\n");
}

/**
 * `<li><a href="…">label</a></li>` at `indent`; when it does not fit, prettier breaks the link's label
 * onto its own lines, which needs whitespace inside `<a>` (invisible at the edges of a list item), and
 * puts the `href` on a line of its own when even the opening tag does not fit.
 */
export function linkItem(href: string, label: string, indent: number): string {
  const link = `<a href="${escapeHtml(href)}">`;
  const line = `<li>${link}${label}</a></li>`;
  if (fits(" ".repeat(indent) + line)) return line;
  const pad = (depth: number) => " ".repeat(indent + depth);
  const spaced = `${link} ${label} </a>`;
  if (fits(pad(2) + spaced)) return ["<li>", pad(2) + spaced, `${pad(0)}</li>`].join("\n");
  return [
    "<li>",
    pad(2) + openTag("a", [["href", href]], indent + 2),
    ...fill(words(label), indent + 4).map((text) => pad(4) + text),
    `${pad(2)}</a>`,
    `${pad(0)}</li>`,
  ].join("\n");
}

/** An opening tag at `indent`, its attributes one per line when the tag does not fit, as prettier prints it. */
export function openTag(tag: string, attributes: readonly (readonly [string, string])[], indent: number): string {
  const written = attributes.map(([name, value]) => `${name}="${escapeHtml(value)}"`);
  const line = `<${tag}${written.map((attribute) => ` ${attribute}`).join("")}>`;
  if (fits(" ".repeat(indent) + line)) return line;
  return [`<${tag}`, ...written.map((attribute) => " ".repeat(indent + 2) + attribute), `${" ".repeat(indent)}>`].join(
    "\n",
  );
}

/** Words of inline HTML: white space separates them, except inside an inline element, kept whole. */
function words(html: string): string[] {
  return html.match(/(?:<(code|a|strong)\b[^>]*>.*?<\/\1>|[^\t\n\f\r <]+)+/g) ?? [];
}

/** A word that opens with an inline element: its tag, attributes, content and the text glued after it. */
const LEADING_ELEMENT = /^<(code|a|strong)\b([^>]*)>(.*?)<\/\1>(.*)$/;

/**
 * Greedy fill, as prettier's `fill`: a word joins the line when it fits. Whitespace after an inline
 * element belongs to the element in prettier's layout, so such a word fits only with the next word
 * when that is text (before another element, the space belongs to that one). Lines are relative to
 * `indent`; an element too wide for a line of its own is broken inside its tags (see `brokenElement`).
 */
function fill(items: readonly string[], indent: number): string[] {
  const lines: string[] = [];
  let current = "";
  const width = (text: string) => indent + displayWidth(text);
  for (const [index, item] of items.entries()) {
    const next = items[index + 1];
    const ownsSpace = next !== undefined && !next.startsWith("<") && /<\/[a-z]+>$/.test(item);
    const needed = displayWidth(item) + (ownsSpace ? 1 + displayWidth(next) : 0);
    if (current !== "" && width(current) + 1 + needed <= PRINT_WIDTH) {
      current = `${current} ${item}`;
      continue;
    }
    if (current !== "") lines.push(current);
    const broken = width(item) > PRINT_WIDTH ? brokenElement(item, indent) : undefined;
    if (broken === undefined) {
      current = item;
      continue;
    }
    lines.push(...broken.lines);
    // After a bare closing `>`, prettier starts the next word on a line of its own.
    if (broken.rest === "") lines.push(">");
    current = broken.rest === "" ? "" : `>${broken.rest}`;
  }
  if (current !== "") lines.push(current);
  return lines;
}

/** An inline element broken inside its tags: the lines it takes, and the text glued after it. */
interface BrokenElement {
  readonly lines: readonly string[];
  readonly rest: string;
}

/**
 * A word opening with an inline element that does not fit on a line of its own, as prettier breaks it
 * where the element's content touches its tags: before the closing `>` when only that is needed (text
 * glued after the element then follows the `>`), else also before the opening one, the content then
 * filled on lines of its own. `undefined` for a word that prettier leaves to overflow.
 */
function brokenElement(word: string, indent: number): BrokenElement | undefined {
  const match = LEADING_ELEMENT.exec(word);
  if (match === null) return undefined;
  const [, tag = "", attributes = "", content = "", rest = ""] = match;
  const head = `<${tag}${attributes}>${content}</${tag}`;
  if (rest !== "" && indent + displayWidth(head) <= PRINT_WIDTH) return { lines: [head], rest };
  // The content, between the borrowed `>` and `</tag`, is filled two columns in.
  const inside = fill(`>${content}</${tag}`.split(" "), indent + 2).map((line) => `  ${line}`);
  return { lines: [`<${tag}${attributes}`, ...inside], rest };
}
