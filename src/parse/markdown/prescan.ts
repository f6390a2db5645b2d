/**
 * One linear pass over a markdown spec before micromark reads it, for what the parser cannot be trusted
 * with. CommonMark replaces U+0000 by U+FFFD, so a NUL in a heading or topic would pass unseen; and deep
 * nesting (10,000 `>`, 20,000 `*` around a word, `[` inside `[`) makes micromark's resolvers quadratic and
 * any recursive walk of the tree overflow the stack. Nesting is measured conservatively, from the markers
 * alone: container markers opening one line, emphasis markers still open when a closing one comes (what
 * micromark's attention resolver walks back over), link brackets still open. A real reference nests two
 * or three levels; anything past `LIMITS.nesting` is refused before micromark sees it.
 */
import { LIMITS, type DiagnosticCollector } from "../../diagnostics.js";
import { LiteralLines } from "./literal-lines.js";

/** Reports U+0000 and nesting past the limit; false when the text is too deeply nested to parse. */
export function prescanMarkdown(text: string, diagnostics: DiagnosticCollector): boolean {
  const scan = new Scanner(text, diagnostics);
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    const next = text.indexOf("\n", offset);
    const end = next === -1 ? text.length : next;
    scan.line(offset, end, line);
    if (next === -1) break;
    offset = next + 1;
    line += 1;
  }
  return !scan.tooDeep;
}

const SPACE = 0x20;
const TAB = 0x09;

class Scanner {
  tooDeep = false;
  private readonly literal = new LiteralLines();
  /** Emphasis marker characters open in the current paragraph, by marker. */
  private openEmphasis = { "*": 0, _: 0 };
  private openBrackets = 0;

  constructor(
    private readonly text: string,
    private readonly diagnostics: DiagnosticCollector,
  ) {}

  line(start: number, end: number, line: number): void {
    const content = this.text.slice(start, end);
    for (let nul = content.indexOf("\u0000"); nul !== -1; nul = content.indexOf("\u0000", nul + 1)) {
      this.diagnostics.report({ code: "invalid-character", at: point(line, nul + 1) });
    }
    if (this.literal.inside(content)) {
      this.endParagraph();
      return;
    }
    const inline = this.containers(content, line);
    if (content.trim() === "" || /^\s*(#|\||`{3}|~{3})/.test(content.slice(inline))) this.endParagraph();
    this.inlineMarkers(content, inline, line);
  }

  /** Block quote and list markers opening the line (indentation counts as nesting too); where the rest starts. */
  private containers(content: string, line: number): number {
    let depth = 0;
    let index = 0;
    let indent = 0;
    for (;;) {
      let width = 0;
      for (; content.charCodeAt(index) === SPACE || content.charCodeAt(index) === TAB; index += 1) {
        width = content.charCodeAt(index) === TAB ? width + 4 - (width % 4) : width + 1;
      }
      if (depth === 0) indent = width;
      const marker = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(content.slice(index, index + 11));
      if (marker === null) return index;
      depth += 1;
      if (depth + Math.floor(indent / 2) > LIMITS.nesting) {
        this.refuse("blocks", line, index + 1);
        return content.length;
      }
      index += marker[0].length;
    }
  }

  /** Emphasis markers and link brackets, with backslash escapes and code spans skipped. */
  private inlineMarkers(content: string, from: number, line: number): void {
    let index = from;
    while (index < content.length) {
      const c = content[index];
      if (c === "\\") {
        index += 2;
      } else if (c === "`") {
        index = this.codeSpanEnd(content, index);
      } else if (c === "[") {
        this.openBrackets += 1;
        if (this.openBrackets > LIMITS.nesting) return this.refuse("links", line, index + 1);
        index += 1;
      } else if (c === "]") {
        this.openBrackets = Math.max(0, this.openBrackets - 1);
        index += 1;
      } else if (c === "*" || c === "_") {
        let end = index;
        while (content[end] === c) end += 1;
        if (!this.emphasisRun(c, content[index - 1], content[end], end - index)) return this.refuse("emphasis", line, index + 1);
        index = end;
      } else {
        index += 1;
      }
    }
  }

  /**
   * A run of `*` or `_` opens, closes or does neither by the CommonMark flanking rules. When it can close,
   * every marker still open is one micromark's resolver may walk back over: false when too many are.
   */
  private emphasisRun(marker: "*" | "_", before: string | undefined, after: string | undefined, length: number): boolean {
    const spaceBefore = before === undefined || /\s/u.test(before);
    const spaceAfter = after === undefined || /\s/u.test(after);
    const punctuationBefore = before !== undefined && /[\p{P}\p{S}]/u.test(before);
    const punctuationAfter = after !== undefined && /[\p{P}\p{S}]/u.test(after);
    const left = !spaceAfter && (!punctuationAfter || spaceBefore || punctuationBefore);
    const right = !spaceBefore && (!punctuationBefore || spaceAfter || punctuationAfter);
    const opens = marker === "*" ? left : left && (!right || punctuationBefore);
    const closes = marker === "*" ? right : right && (!left || punctuationAfter);
    let remaining = length;
    if (closes) {
      if (this.openEmphasis["*"] + this.openEmphasis._ > LIMITS.nesting) return false;
      const matched = Math.min(remaining, this.openEmphasis[marker]);
      this.openEmphasis[marker] -= matched;
      remaining -= matched;
    }
    if (opens) this.openEmphasis[marker] += remaining;
    return true;
  }

  /** After the code span a backtick run opens at `index` (closed by a run as long, on the same line), or after the run when none closes it. */
  private codeSpanEnd(content: string, index: number): number {
    let end = index;
    while (content[end] === "`") end += 1;
    const length = end - index;
    for (let search = end; ; ) {
      const close = content.indexOf("`".repeat(length), search);
      if (close === -1) return end;
      let closeEnd = close;
      while (content[closeEnd] === "`") closeEnd += 1;
      if (closeEnd - close === length) return closeEnd;
      search = closeEnd;
    }
  }

  private endParagraph(): void {
    this.openEmphasis = { "*": 0, _: 0 };
    this.openBrackets = 0;
  }

  private refuse(messageId: "blocks" | "emphasis" | "links", line: number, column: number): void {
    this.tooDeep = true;
    this.diagnostics.report({ code: "nesting-too-deep", messageId, format: { limit: LIMITS.nesting }, at: point(line, column) });
    this.endParagraph();
  }
}

function point(line: number, column: number) {
  const at = { line, column };
  return { start: at, end: at };
}
