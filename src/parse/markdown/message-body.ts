/**
 * The body of a message section (Request, Message, Success Response/Acknowledgment) or of a catalog
 * response: leading prose, bold-label fields, a property table, the payload and any alert notes.
 */
import type { RootContent } from "mdast";
import type { NoteModel, PayloadModel, PropertyModel } from "../../model.js";
import { payloadModel } from "../common.js";
import type { MarkdownContext } from "./context.js";
import { labelledValue, type LabelKey, type LabelledValue } from "./labels.js";
import { spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import { propertiesFromTable } from "./properties.js";
import { proseOfBlocks } from "./prose.js";

export interface MessageBody {
  /** Prose before the first labelled field, as markdown; "" when none. */
  readonly description: string;
  readonly properties: readonly PropertyModel[];
  readonly payload: PayloadModel;
  readonly notes: readonly NoteModel[];
  /** Every labelled field, by key (the first one when repeated). */
  readonly labels: ReadonlyMap<LabelKey, LabelledValue>;
}

export function readMessageBody(blocks: readonly RootContent[], context: MarkdownContext): MessageBody {
  const descriptionBlocks: RootContent[] = [];
  const notes: NoteModel[] = [];
  const labels = new Map<LabelKey, LabelledValue>();
  let properties: PropertyModel[] | undefined;
  let awaitingTable: LabelledValue | undefined;

  for (const block of blocks) {
    if (block.type === "blockquote") {
      notes.push(noteModel(block, context));
      continue;
    }
    if (block.type === "html") continue;
    if (block.type === "table") {
      if (properties !== undefined) {
        context.diagnostics.report({ code: "malformed-table", messageId: "second-table", at: spanOf(block) });
      } else {
        properties = propertiesFromTable(block, context);
      }
      awaitingTable = undefined;
      continue;
    }
    if (awaitingTable !== undefined) {
      reportMissingTable(awaitingTable, context);
      awaitingTable = undefined;
      properties = [];
    }
    const label = labelledValue(block, context);
    if (label === undefined) {
      if (labels.size === 0 && properties === undefined) descriptionBlocks.push(block);
      continue;
    }
    if (!labels.has(label.key)) labels.set(label.key, label);
    if (label.key === "properties") {
      if (/^none\.?$/i.test(label.value)) properties = [];
      else if (label.value === "") awaitingTable = label;
      else {
        const format = { value: label.value };
        context.diagnostics.report({ code: "malformed-table", messageId: "properties-value", format, at: label.valueSpan });
      }
    }
  }
  if (awaitingTable !== undefined) reportMissingTable(awaitingTable, context);

  return {
    description: proseOfBlocks(context.text, descriptionBlocks),
    properties: properties ?? [],
    payload: readPayload(labels.get("payload"), context),
    notes,
    labels,
  };
}

/** `empty` when the section states no payload at all. */
function readPayload(label: LabelledValue | undefined, context: MarkdownContext): PayloadModel {
  if (label === undefined) return { kind: "empty" };
  const payload = payloadModel(label.value, label.valueSpan);
  if (payload === undefined) {
    context.diagnostics.report({ code: "unknown-payload", format: { payload: label.value }, at: label.valueSpan });
    return { kind: "bytes", ...(label.valueSpan ? { span: label.valueSpan } : {}) };
  }
  return payload;
}

function reportMissingTable(label: LabelledValue, context: MarkdownContext): void {
  context.diagnostics.report({ code: "malformed-table", messageId: "no-table", at: label.valueSpan });
}
