/**
 * Model text as markdown that renders as that text and that the markdown front end reads back as exactly
 * that text. The model's two kinds of text:
 * - names and headings (titles, operation and response names, property and outcome names) are plain
 *   text: every character markdown could read as syntax is backslash-escaped;
 * - prose (descriptions, summaries, notes) is markdown whose code spans, backslash escapes and emphasis
 *   are kept, but in which `<` and `&` are literal characters: raw HTML never passes through as HTML.
 *   Outside code, `<` is written `&lt;` and an `&` that would start a character reference `&amp;`; block
 *   syntax at the start of a line, and whitespace the parser would trim, become numeric references. The
 *   front end decodes character references outside code when it reads prose, so the round trip is exact.
 * Everything else is written as the spec wrote it: emphasis stays emphasis, white space stays as it was.
 */

import { MARKDOWN_LABELS, squashedLabel } from "../../model-rules.js";

/** The longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** `text` as a code span whose fence no backtick inside it can close (CommonMark 6.1). */
export function codeSpan(text: string): string {
  const fence = "`".repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fence for a code block of `lines` that no line inside can close. */
export function codeFence(lines: readonly string[]): string {
  return "`".repeat(Math.max(3, ...lines.map((line) => longestBacktickRun(line) + 1)));
}

/** A markdown block as a block quote, `> ` before every line. */
export function blockQuote(lines: readonly string[]): string {
  return lines.map((line) => (line === "" ? ">" : `> ${line}`)).join("\n");
}

/** A piece of inline markdown: a code span as written (fences included), or the text between spans. */
export interface InlineSegment {
  readonly code: boolean;
  readonly text: string;
}

/**
 * Inline markdown cut into code spans and text (CommonMark 6.1): a backtick run that no backslash
 * escapes opens a span, which the next run of the same length closes; a run left open is text.
 */
export function inlineSegments(markdown: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  const runs = /`+/g;
  let textStart = 0;
  for (let open = runs.exec(markdown); open !== null; open = runs.exec(markdown)) {
    if (backslashesBefore(markdown, open.index) % 2 === 1) {
      // The backslash escapes one backtick; the rest of the run may still open a span.
      runs.lastIndex = open.index + 1;
      continue;
    }
    const fence = open[0];
    const closing = new RegExp(`(?<!\`)${fence}(?!\`)`, "g");
    closing.lastIndex = open.index + fence.length;
    const close = closing.exec(markdown);
    if (close === null) continue;
    const end = close.index + fence.length;
    if (open.index > textStart) segments.push({ code: false, text: markdown.slice(textStart, open.index) });
    segments.push({ code: true, text: markdown.slice(open.index, end) });
    textStart = end;
    runs.lastIndex = end;
  }
  if (textStart < markdown.length) segments.push({ code: false, text: markdown.slice(textStart) });
  return segments;
}

function backslashesBefore(text: string, index: number): number {
  let count = 0;
  while (text.charAt(index - count - 1) === "\\") count += 1;
  return count;
}

/** `char` as a numeric character reference, which is never syntax and which the parser decodes. */
function reference(char: string): string {
  return `&#${char.codePointAt(0) ?? 0};`;
}

function references(text: string): string {
  return Array.from(text, reference).join("");
}

/** `<`, and an `&` that would start a character reference, outside code and not already escaped. */
function escapeHtmlSyntax(text: string): string {
  return text.replace(
    /(\\*)(<|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;))/g,
    (match, slashes: string, char: string) =>
      slashes.length % 2 === 1 ? match : `${slashes}${char === "<" ? "&lt;" : "&amp;"}`,
  );
}

/** Inline prose with raw HTML and references made literal; code spans kept as written. */
function inlineProse(markdown: string): string {
  return inlineSegments(markdown)
    .map((segment) => (segment.code ? segment.text : escapeHtmlSyntax(segment.text)))
    .join("");
}

/** Leading and trailing whitespace (which markdown trims) as references around `inner`. */
function keepEdges(text: string, inner: (trimmed: string) => string): string {
  const start = text.search(/\S/);
  if (start < 0) return references(text);
  const end = text.length - (/\s*$/.exec(text)?.[0].length ?? 0);
  return references(text.slice(0, start)) + inner(text.slice(start, end)) + references(text.slice(end));
}

/**
 * Bold labels the front end reads as fields rather than prose (`**Topic name:**`, `**Payload**:`,
 * `**api-version:**`, …, docs/protocol.md#reading-the-reference); a prose paragraph must not open with one.
 */
const LABEL_WORDS = new Set([...Object.keys(MARKDOWN_LABELS), "apiversion", "version"]);

/** A line opening that markdown reads as block syntax: heading, quote, list, fence, break, table row. */
function blockStart(line: string): number {
  const indent = /^[ \t]{0,3}/.exec(line)?.[0].length ?? 0;
  const rest = line.slice(indent);
  if (/^(#|>|[-+*](\s|$)|\d{1,9}[.)](\s|$)|~~~|=+\s*$|[|:-][\s|:-]*$|([*_])(\s*\3){2,}\s*$)/.test(rest)) return indent;
  if (/^`{3,}[^`]*$/.test(rest)) return indent;
  return -1;
}

/** Neutralises the block syntax a line of a paragraph would open, keeping its characters. */
function plainLine(line: string): string {
  const at = blockStart(line);
  if (at < 0) return line;
  const fence = /^(`{3,}|~{3,})/.exec(line.slice(at))?.[0] ?? line.charAt(at);
  return line.slice(0, at) + references(fence) + line.slice(at + fence.length);
}

function proseParagraph(paragraph: string): string {
  const lines = inlineProse(paragraph)
    .split("\n")
    .map((line, index) => (index > 0 && line.trim() === "" ? references(line) : plainLine(line)));
  const label = /^(\*\*|__)(.*?)\1/.exec(lines[0] ?? "");
  if (label && LABEL_WORDS.has(squashedLabel(label[2] ?? ""))) {
    // The whole opening run, so that no `*Payload**` is left for emphasis.
    const opener = label[1] ?? "**";
    lines[0] = references(opener) + (lines[0] ?? "").slice(opener.length);
  }
  return lines.join("\n");
}

/**
 * Prose that the front end reads as paragraphs (descriptions, summaries): paragraphs stay apart at every
 * blank line, and nothing in them can open another kind of block.
 */
export function proseMarkdown(text: string): string {
  if (text === "") return "";
  return keepEdges(text, (trimmed) =>
    // A run of blank lines belongs to the paragraph before its last two line ends, which end it.
    trimmed
      .split(/\n\n(?!\n)/)
      .map((paragraph) => keepEdges(paragraph, proseParagraph))
      .join("\n\n"),
  );
}

/**
 * A note's markdown, which the front end reads as the whole block (lists, quotes and fenced code stay
 * what they are); only raw HTML and references outside code are made literal.
 */
export function noteMarkdown(text: string): string {
  if (text === "") return "";
  return keepEdges(text, (trimmed) => {
    const out: string[] = [];
    let fence: string | undefined;
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) out.push(inlineProse(paragraph.join("\n")));
      paragraph = [];
    };
    for (const line of trimmed.split("\n")) {
      const opens = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        out.push(line);
        if (new RegExp(`^ {0,3}${fence.charAt(0)}{${fence.length},}\\s*$`).test(line)) fence = undefined;
      } else if (opens !== undefined) {
        flush();
        out.push(line);
        fence = opens;
      } else if (line.trim() === "") {
        flush();
        out.push(line);
      } else {
        paragraph.push(line);
      }
    }
    flush();
    return out.join("\n");
  });
}

/** Characters inline markdown could read as syntax in plain text. */
const PLAIN_SYNTAX = /[\\`*_[\]<#|~]|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)/g;

/**
 * Plain text (a name, a heading) as inline markdown on one line: syntax characters backslash-escaped,
 * line ends and the whitespace markdown would trim as references.
 */
export function plainTextMarkdown(text: string): string {
  return keepEdges(text, (trimmed) => trimmed.replace(PLAIN_SYNTAX, (char) => `\\${char}`).replace(/[\r\n]/g, reference));
}

/**
 * Escapes every `|` for a GFM table cell (CommonMark treats `\|` in a cell as a pipe, inside code spans
 * too); a pipe already after an odd number of backslashes is escaped already.
 */
function tablePipes(markdown: string): string {
  return markdown.replace(/(\\*)\|/g, (match, slashes: string) => (slashes.length % 2 === 1 ? match : `${slashes}\\|`));
}

/**
 * Prose as one table cell: on one line, edges kept, pipes escaped. A table row cannot hold a code span
 * across lines, so such a span is written as text, its backticks and line ends as references.
 */
export function proseCell(text: string): string {
  const oneLine = keepEdges(text, (trimmed) =>
    inlineSegments(trimmed)
      .map((segment) =>
        segment.code && !/[\r\n]/.test(segment.text) ? segment.text : escapeHtmlSyntax(segment.text).replace(/[\r\n`]/g, reference),
      )
      .join(""),
  );
  return tablePipes(oneLine);
}

/** A name as one table cell. */
export function plainTextCell(text: string): string {
  return tablePipes(plainTextMarkdown(text));
}
