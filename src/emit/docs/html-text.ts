/**
 * Spec text as safe HTML for the HTML reference. Descriptions are markdown: code spans become `<code>`,
 * backslash escapes are resolved, everything else stays text, and all of it is escaped first, so spec
 * text can never open an element. Blocks are laid out as prettier prints HTML (printWidth 80, greedy
 * word fill), so the page is stable under prettier without running it.
 */
import { displayWidth } from "./markdown-table.js";
import { inlineSegments } from "./markdown-text.js";

const PRINT_WIDTH = 80;

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
 * else the tags on their own lines and the words filled in between. The first line carries no
 * indentation (the template places it); later lines carry their own.
 */
export function htmlBlock(tag: string, inner: string, indent: number, attributes = ""): string {
  const open = `<${tag}${attributes}>`;
  const close = `</${tag}>`;
  const line = `${open}${inner}${close}`;
  if (indent + displayWidth(line) <= PRINT_WIDTH || inner === "") return line;
  const inside = " ".repeat(indent + 2);
  return [open, ...fill(words(inner), indent + 2).map((text) => inside + text), " ".repeat(indent) + close].join("\n");
}

/**
 * `<li><a href="…">label</a></li>` at `indent`; when it does not fit, prettier breaks the link's label
 * onto its own lines, which needs whitespace inside `<a>` (invisible at the edges of a list item).
 */
export function linkItem(href: string, label: string, indent: number): string {
  const link = `<a href="${escapeHtml(href)}">`;
  const line = `<li>${link}${label}</a></li>`;
  if (indent + displayWidth(line) <= PRINT_WIDTH) return line;
  const pad = (depth: number) => " ".repeat(indent + depth);
  const spaced = `${link} ${label} </a>`;
  if (indent + 2 + displayWidth(spaced) <= PRINT_WIDTH) return ["<li>", pad(2) + spaced, `${pad(0)}</li>`].join("\n");
  return [
    "<li>",
    pad(2) + link,
    ...fill(words(label), indent + 4).map((text) => pad(4) + text),
    `${pad(2)}</a>`,
    `${pad(0)}</li>`,
  ].join("\n");
}

/** An opening tag at `indent`, its attributes one per line when the tag does not fit, as prettier prints it. */
export function openTag(tag: string, attributes: readonly (readonly [string, string])[], indent: number): string {
  const written = attributes.map(([name, value]) => `${name}="${escapeHtml(value)}"`);
  const line = `<${tag}${written.map((attribute) => ` ${attribute}`).join("")}>`;
  if (indent + displayWidth(line) <= PRINT_WIDTH) return line;
  return [`<${tag}`, ...written.map((attribute) => " ".repeat(indent + 2) + attribute), `${" ".repeat(indent)}>`].join(
    "\n",
  );
}

/** Words of inline HTML: whitespace separates them, except inside an inline element, kept whole. */
function words(html: string): string[] {
  return html.match(/(?:<(code|a|strong)\b[^>]*>.*?<\/\1>|[^\s<]+)+/g) ?? [];
}

/**
 * Greedy fill, as prettier's `fill`: a word joins the line when it fits. Whitespace after an inline
 * element belongs to the element in prettier's layout, so such a word fits only with the next word.
 */
function fill(items: readonly string[], indent: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const [index, item] of items.entries()) {
    const next = items[index + 1];
    const needed = displayWidth(item) + (next !== undefined && /<\/[a-z]+>$/.test(item) ? 1 + displayWidth(next) : 0);
    if (current !== "" && indent + displayWidth(current) + 1 + needed > PRINT_WIDTH) {
      lines.push(current);
      current = item;
    } else {
      current = current === "" ? item : `${current} ${item}`;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}
