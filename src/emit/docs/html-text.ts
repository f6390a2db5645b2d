/**
 * Spec text as safe HTML for the HTML reference. Descriptions are markdown: code spans become `<code>`,
 * backslash escapes are resolved, everything else stays text, and all of it is escaped first, so spec
 * text can never open an element. Line breaks become spaces, which is what they are in a paragraph of
 * either language, so every element the page template places stays on its line.
 */
import { inlineSegments } from "./markdown-text.js";

/** Escapes text for HTML content and double-quoted attributes. */
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
  return escapeHtml(markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1").replace(/\r\n|[\r\n]/g, " "));
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
