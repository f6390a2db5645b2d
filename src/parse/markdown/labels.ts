/**
 * Bold-label fields such as `**Topic name:** \`$iothub/twin/get\`` and `**Properties**:` followed by
 * ` none` (docs/protocol.md#reading-the-reference). The colon may stand inside or outside the bold, the value may be a code
 * span, and may continue on the next line.
 */
import type { Paragraph, RootContent } from "mdast";
import type { SourcePoint, SourceSpan } from "../../model.js";
import { MARKDOWN_LABELS, squashedLabel, type MarkdownLabel } from "../../model-rules.js";
import type { MarkdownContext } from "./context.js";
import { plainText, spanOf } from "./mdast.js";

export type LabelKey = MarkdownLabel;

export interface LabelledValue {
  readonly key: LabelKey;
  /** The label as written, without its colon (`Topic name`), for messages. */
  readonly label: string;
  /** The value with code-span backticks, the colon and surrounding whitespace removed; "" when none. */
  readonly value: string;
  /** The paragraph holding the label. */
  readonly paragraph: Paragraph;
  /** Where the value itself stands (after the label and colon); the paragraph's end when empty. */
  readonly valueSpan: SourceSpan | undefined;
}

/** The labelled value a paragraph states, or `undefined` when it opens with no known bold label. */
export function labelledValue(block: RootContent, context: MarkdownContext): LabelledValue | undefined {
  if (block.type !== "paragraph") return undefined;
  const [strong, ...rest] = block.children;
  if (strong?.type !== "strong") return undefined;
  const squashed = squashedLabel(plainText(strong));
  const key = Object.hasOwn(MARKDOWN_LABELS, squashed) ? MARKDOWN_LABELS[squashed] : undefined;
  if (key === undefined) return undefined;
  const value = rest
    .map((node) => plainText(node))
    .join("")
    .replace(/^[\s:]+/, "")
    .replace(/`/g, "")
    .trim();
  const label = plainText(strong).replace(/[\s:]+$/, "");
  return { key, label, value, paragraph: block, valueSpan: valueSpan(block, strong.position?.end, context) };
}

/** Skips the colon and whitespace after the bold label in the source, so spans point at the value. */
function valueSpan(
  paragraph: Paragraph,
  labelEnd: { line: number; column: number; offset?: number } | undefined,
  context: MarkdownContext,
): SourceSpan | undefined {
  const end = spanOf(paragraph)?.end;
  if (labelEnd?.offset === undefined || end === undefined) return undefined;
  const endOffset = paragraph.position?.end.offset ?? labelEnd.offset;
  let { line, column } = labelEnd;
  let offset = labelEnd.offset;
  while (offset < endOffset && /[\s:]/.test(context.text.charAt(offset))) {
    if (context.text.charAt(offset) === "\n") {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
    offset += 1;
  }
  const start: SourcePoint = { line, column };
  return { start, end };
}
