/**
 * View-model of `templates/messages.ts.hbs`: the property table of every message of one API, declared
 * once for `client.ts` and `server.ts` to share. A table is what the runtime encodes and decodes a
 * message's properties with (`PropertySpec[]`, PROTOCOL.md D16–D19); its export name comes from
 * `messageNames` in src/names.ts, which both files use to refer to it.
 *
 * Layout: rows are objects broken one member a line, so only the declaration head and long `key`/`name`
 * strings depend on lengths; ../layout.ts lays those out.
 */
import type { ApiModel, MessageModel, OperationModel, PropertyModel, ScalarType } from "../../model.js";
import { messageNames, propertyKey } from "../../names.js";
import { arrayCallStatement, docText, emptyArrayCallStatement, entry, stringLiteral } from "../layout.js";

/** The callee that freezes each table and each of its rows: no importer can change how messages are encoded. */
const FREEZE = "Object.freeze";

/** One `PropertySpec` row. */
export interface PropertyRowView {
  /** `key: "…"` and `name: "…"`, laid out by ../layout.ts at the row's indentation. */
  readonly keyEntry: string;
  readonly nameEntry: string;
  readonly type: ScalarType;
  readonly required: boolean;
  readonly kind: PropertyModel["kind"];
  readonly isFirstClass: boolean;
  /** The MQTT field of a first-class property; empty for user properties. */
  readonly mqttField: string;
}

/** One message's exported table. */
export interface MessageTableView {
  /** The export (`patchTwinReportedRequest`). */
  readonly name: string;
  readonly description: string;
  readonly isEmpty: boolean;
  /** The whole declaration of a table without rows. */
  readonly emptyDeclaration: string;
  /** The declaration's first line(s) and last line(s) when it has rows. */
  readonly open: string;
  readonly close: string;
  /** Each row's first and last line, `Object.freeze({` and `}),` at the rows' indentation. */
  readonly rowOpen: string;
  readonly rowClose: string;
  /** Indentation of a row's members. */
  readonly memberIndent: string;
  readonly rows: readonly PropertyRowView[];
}

export interface MessagesFileView {
  readonly tables: readonly MessageTableView[];
  /** The API has operations; without any the file is an empty module. */
  readonly hasTables: boolean;
}

export function messagesFileView(model: ApiModel): MessagesFileView {
  const tables = model.operations.flatMap(operationTables);
  return { tables, hasTables: tables.length > 0 };
}

/** The tables of an operation, in the order its messages travel: the request, then a success response. */
function operationTables(operation: OperationModel): MessageTableView[] {
  const names = messageNames(operation);
  const name = docText(operation.name, "");
  const noun = operation.interaction === "request-response" ? "request" : "message";
  const request = tableView(names.message, `Properties of the ${name} ${noun}.`, operation.request);
  if (names.response === undefined || operation.success === undefined) return [request];
  return [request, tableView(names.response, `Properties of a successful ${name} response.`, operation.success)];
}

function tableView(name: string, description: string, message: MessageModel): MessageTableView {
  const head = `export const ${name}: readonly PropertySpec[] =`;
  const { open, indent, close } = arrayCallStatement(head, FREEZE);
  const memberIndent = `${indent}  `;
  return {
    name,
    description,
    isEmpty: message.properties.length === 0,
    emptyDeclaration: emptyArrayCallStatement(head, FREEZE),
    open,
    close,
    rowOpen: `${indent}${FREEZE}({`,
    rowClose: `${indent}}),`,
    memberIndent,
    rows: message.properties.map((property) => rowView(property, memberIndent.length)),
  };
}

function rowView(property: PropertyModel, indent: number): PropertyRowView {
  return {
    keyEntry: entry(indent, "key", stringLiteral(propertyKey(property))),
    nameEntry: entry(indent, "name", stringLiteral(property.name)),
    type: property.type,
    required: property.required,
    kind: property.kind,
    isFirstClass: property.kind === "first-class",
    mqttField: property.kind === "first-class" ? property.mqttField : "",
  };
}
