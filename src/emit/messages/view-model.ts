/**
 * View-model of `templates/messages.ts.hbs`: the property table of every message of one API, declared
 * once for `client.ts` and `server.ts` to share. A table is what the runtime encodes and decodes a
 * message's properties with (`PropertySpec[]`, docs/protocol.md#properties, #scalar-values); its export name comes from
 * `messageNames` in src/names.ts, which both files use to refer to it.
 */
import type { ApiModel, MessageModel, OperationModel, PropertyModel, ScalarType } from "../../model.js";
import { messageNames, propertyKey } from "../../names.js";

/** One `PropertySpec` row. */
export interface PropertyRowView {
  readonly key: string;
  /** The property's name on the wire. */
  readonly name: string;
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
  const noun = operation.interaction === "request-response" ? "request" : "message";
  const request = tableView(names.message, `Properties of the ${operation.name} ${noun}.`, operation.request);
  if (names.response === undefined || operation.success === undefined) return [request];
  return [request, tableView(names.response, `Properties of a successful ${operation.name} response.`, operation.success)];
}

function tableView(name: string, description: string, message: MessageModel): MessageTableView {
  return { name, description, rows: message.properties.map(rowView) };
}

function rowView(property: PropertyModel): PropertyRowView {
  return {
    key: propertyKey(property),
    name: property.name,
    type: property.type,
    required: property.required,
    kind: property.kind,
    isFirstClass: property.kind === "first-class",
    mqttField: property.kind === "first-class" ? property.mqttField : "",
  };
}
