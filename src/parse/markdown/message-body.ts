/**
 * The body of a section made of labelled fields: a message section (Request, Message, Success
 * Response/Acknowledgment), an Alternatives section, a catalog response or the Connection section.
 * Leading prose, bold-label fields, the tables that follow some labels (`**Properties**:`, `**Topic
 * parameters**:`, …), and alert notes. Each kind of section says which labels it takes; another label
 * there is reported, never silently read as prose.
 */
import type { RootContent, Table } from "mdast";
import type { NoteModel, PayloadModel, PropertyModel } from "../../model.js";
import { payloadModel } from "../common.js";
import type { MarkdownContext } from "./context.js";
import { labelledValue, type LabelKey, type LabelledValue } from "./labels.js";
import { spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import { propertiesFromTable } from "./properties.js";
import { proseOfBlocks } from "./prose.js";

/** Labels whose value is the table after them, or `none`. */
const TABLE_LABELS: ReadonlySet<LabelKey> = new Set([
  "properties",
  "topic-parameters",
  "authentication",
  "connect-properties",
  "limits",
]);

export interface LabelledBlocks {
  /** Prose before the first labelled field, as markdown; "" when none. */
  readonly description: string;
  readonly notes: readonly NoteModel[];
  /** Every labelled field, by key (the first one when repeated). */
  readonly labels: ReadonlyMap<LabelKey, LabelledValue>;
  /** The table of each table label present: its table, or `none` (also after a reported problem). */
  readonly tables: ReadonlyMap<LabelKey, Table | "none">;
}

/**
 * Reads `blocks` as labelled fields. `allowed` are the labels this section takes, `part` names it in
 * messages. A table with no label before it is the properties table, as in the seed, where the section
 * takes properties.
 */
export function readLabelledBlocks(
  blocks: readonly RootContent[],
  context: MarkdownContext,
  allowed: readonly LabelKey[],
  part: string,
): LabelledBlocks {
  const descriptionBlocks: RootContent[] = [];
  const notes: NoteModel[] = [];
  const labels = new Map<LabelKey, LabelledValue>();
  const tables = new Map<LabelKey, Table | "none">();
  let awaitingTable: LabelledValue | undefined;

  for (const block of blocks) {
    if (block.type === "blockquote") {
      notes.push(noteModel(block, context));
      continue;
    }
    if (block.type === "html") continue;
    if (block.type === "table") {
      const owner = awaitingTable?.key ?? (allowed.includes("properties") && !tables.has("properties") ? "properties" : undefined);
      if (owner === undefined) {
        context.diagnostics.report({ code: "malformed-table", messageId: "second-table", at: spanOf(block) });
      } else {
        tables.set(owner, block);
      }
      awaitingTable = undefined;
      continue;
    }
    if (awaitingTable !== undefined) {
      reportMissingTable(awaitingTable, context);
      tables.set(awaitingTable.key, "none");
      awaitingTable = undefined;
    }
    const label = labelledValue(block, context);
    if (label === undefined) {
      if (labels.size === 0 && tables.size === 0) descriptionBlocks.push(block);
      continue;
    }
    if (!allowed.includes(label.key)) {
      const at = spanOf(label.paragraph);
      context.diagnostics.report({ code: "misplaced-section", messageId: "label", format: { label: label.label, part }, at });
      continue;
    }
    if (labels.has(label.key)) continue;
    labels.set(label.key, label);
    if (!TABLE_LABELS.has(label.key)) continue;
    if (/^none\.?$/i.test(label.value)) tables.set(label.key, "none");
    else if (label.value === "") awaitingTable = label;
    else {
      const format = { label: label.label, value: label.value };
      context.diagnostics.report({ code: "malformed-table", messageId: "properties-value", format, at: label.valueSpan });
      tables.set(label.key, "none");
    }
  }
  if (awaitingTable !== undefined) {
    reportMissingTable(awaitingTable, context);
    tables.set(awaitingTable.key, "none");
  }
  return { description: proseOfBlocks(context.text, descriptionBlocks), notes, labels, tables };
}

export interface MessageBody extends LabelledBlocks {
  readonly properties: readonly PropertyModel[];
  readonly payload: PayloadModel;
}

/** A section that describes a message: its labelled fields, its properties and its payload. */
export function readMessageBody(
  blocks: readonly RootContent[],
  context: MarkdownContext,
  allowed: readonly LabelKey[],
  part: string,
): MessageBody {
  const body = readLabelledBlocks(blocks, context, allowed, part);
  const table = body.tables.get("properties");
  return {
    ...body,
    properties: table === undefined || table === "none" ? [] : propertiesFromTable(table, context),
    payload: readPayload(body.labels.get("payload"), context),
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
  context.diagnostics.report({ code: "malformed-table", messageId: "no-table", format: { label: label.label }, at: label.valueSpan });
}
