/**
 * Names in generated code: every operation, property, status and payload type must give a usable
 * identifier, distinct within the scope it is declared in (src/names.ts is the naming pass).
 */
import type { ApiModel, OperationModel } from "../model.js";
import {
  CLIENT_OPTION_KEYS,
  handlerRegistrationName,
  operationMethodName,
  operationTypeName,
  payloadTypeName,
  propertyKey,
  SERVER_MESSAGE_MEMBERS,
  serverCallName,
  serverMessageTypeNames,
  statusErrorClassName,
  topicParameterKey,
  type OperationTypeRole,
} from "../names.js";
import type { DiagnosticCollector } from "../diagnostics.js";
import { checkIdentifiers } from "./report.js";

/** Error classes status.ts declares or imports whatever the catalog holds. */
const STATUS_FILE_CLASSES = ["StatusError", "ApiStatusError", "UnknownStatusError"];

/** Statuses and payload types each declare one type. */
export function checkDeclarationNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  checkIdentifiers(
    "status",
    [
      ...STATUS_FILE_CLASSES.map((identifier) => ({ name: `status.ts's own ${identifier}`, identifier, span: undefined })),
      ...model.responses.map((r) => ({ name: r.name, identifier: statusErrorClassName(r), span: r.span })),
    ],
    diagnostics,
  );
  checkIdentifiers(
    "payload type",
    model.payloadTypes.map((p) => ({ name: p.name, identifier: payloadTypeName(p.name), span: p.span })),
    diagnostics,
  );
}

/** One operation per id: repeated ids are reported once, by the operation-name check. */
function distinctOperations(model: ApiModel): OperationModel[] {
  return model.operations.filter((o, i, all) => all.findIndex((q) => q.id === o.id) === i);
}

const CLIENT_TYPE_ROLES: readonly OperationTypeRole[] = [
  "Properties",
  "ResponseProperties",
  "Parameters",
  "Options",
  "Response",
  "Message",
  "Handler",
  "Types",
];

/**
 * The client file declares per-operation types next to the payload types it imports, and spreads request
 * properties into method options: none of these names may meet.
 */
export function checkClientNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const payloadNames = [...new Set(model.payloadTypes.map((p) => payloadTypeName(p.name)))];
  checkIdentifiers(
    "client type",
    [
      ...payloadNames.map((identifier) => ({ name: identifier, identifier, span: undefined })),
      ...distinctOperations(model).flatMap((o) =>
        CLIENT_TYPE_ROLES.map((role) => ({
          name: `${o.name} (${role})`,
          identifier: operationTypeName(o, role),
          span: o.span,
        })),
      ),
    ],
    diagnostics,
  );
  for (const operation of model.operations.filter((o) => o.direction === "client-to-server")) {
    for (const property of operation.request.properties) {
      if (CLIENT_OPTION_KEYS.has(propertyKey(property))) {
        const format = { property: property.name, operation: operation.name, identifier: propertyKey(property) };
        diagnostics.report({ code: "identifier-clash", messageId: "client-option", format, at: property.span });
      }
    }
  }
}

/**
 * `server.ts` declares a type per operation message next to the payload types, a call method per
 * server→client operation, and flat message objects whose members are property keys, topic parameter
 * keys and `SERVER_MESSAGE_MEMBERS`: none of these names may meet.
 */
export function checkServerNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const payloadNames = [...new Set(model.payloadTypes.map((p) => payloadTypeName(p.name)))];
  const operations = distinctOperations(model);
  checkIdentifiers(
    "server type",
    [
      ...payloadNames.map((identifier) => ({ name: identifier, identifier, span: undefined })),
      ...operations.flatMap((o) => {
        const { message, response } = serverMessageTypeNames(o);
        return [message, ...(response === undefined ? [] : [response])].map((identifier) => ({
          name: o.name,
          identifier,
          span: o.span,
        }));
      }),
    ],
    diagnostics,
  );
  checkIdentifiers(
    "server call",
    operations
      .filter((o) => o.direction === "server-to-client")
      .map((o) => ({ name: o.name, identifier: serverCallName(o), span: o.span })),
    diagnostics,
  );
  for (const operation of model.operations) {
    // Server→client first messages carry their topic parameters as members too (clashes among
    // properties themselves are the property check's).
    const parameterKeys = new Map(
      (operation.direction === "server-to-client" ? operation.topic.parameters : []).map((p) => [topicParameterKey(p.name), p.name]),
    );
    for (const [key, name] of parameterKeys) {
      if (SERVER_MESSAGE_MEMBERS.has(key)) {
        const format = { parameter: name, operation: operation.name, identifier: key };
        diagnostics.report({ code: "identifier-clash", messageId: "parameter-member", format, at: operation.topic.span });
      }
    }
    const messages = [operation.request, ...(operation.success ? [operation.success] : [])];
    for (const [index, message] of messages.entries()) {
      for (const property of message.properties) {
        const key = propertyKey(property);
        const parameter = index === 0 ? parameterKeys.get(key) : undefined;
        const format = { property: property.name, operation: operation.name, identifier: key };
        if (SERVER_MESSAGE_MEMBERS.has(key)) {
          diagnostics.report({ code: "identifier-clash", messageId: "server-member", format, at: property.span });
        } else if (parameter !== undefined) {
          diagnostics.report({ code: "identifier-clash", messageId: "property-parameter", format: { ...format, parameter }, at: property.span });
        }
      }
    }
  }
}

export function checkOperationNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const byId = new Map<string, OperationModel>();
  for (const operation of model.operations) {
    const earlier = byId.get(operation.id);
    if (earlier) {
      diagnostics.report({ code: "duplicate-operation", format: { operation: operation.name, other: earlier.name }, at: operation.span });
    } else {
      byId.set(operation.id, operation);
    }
  }
  const distinct = [...byId.values()];
  checkIdentifiers(
    "operation",
    distinct.map((o) => ({ name: o.name, identifier: operationMethodName(o), span: o.span })),
    diagnostics,
  );
  checkIdentifiers(
    "handler",
    distinct
      .filter((o) => o.direction === "server-to-client")
      .map((o) => ({ name: o.name, identifier: handlerRegistrationName(o), span: o.span })),
    diagnostics,
  );
}

/** Wire names that would address an object's prototype machinery when used as keys. */
const OBJECT_INTERNALS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function checkPropertyNames(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const messages = [
    ...model.operations.flatMap((o) => [o.request, ...(o.success ? [o.success] : [])]),
    ...model.responses,
  ];
  for (const message of messages) {
    const seen = new Set<string>();
    for (const property of message.properties) {
      if (seen.has(property.name)) diagnostics.report({ code: "duplicate-property", format: { property: property.name }, at: property.span });
      if (OBJECT_INTERNALS.has(property.name)) {
        const format = { scope: "property", name: property.name };
        diagnostics.report({ code: "reserved-identifier", messageId: "object-internal", format, at: property.span });
      }
      seen.add(property.name);
    }
    checkIdentifiers(
      "property",
      message.properties
        .filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i)
        .map((p) => ({ name: p.name, identifier: propertyKey(p), span: p.span })),
      diagnostics,
    );
  }
}
