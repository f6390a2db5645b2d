/**
 * Semantic checks on a model from any front end, run once before emitting. Front ends report what is
 * wrong with the text; validation reports what is wrong with the API it describes, and anything that
 * would make the generated code fail to compile. Every diagnostic points at the offending node.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode } from "./diagnostics.js";
import type { ApiModel, JsonValue, OperationModel, SourceSpan } from "./model.js";
import {
  CLIENT_OPTION_KEYS,
  handlerRegistrationName,
  isUsableIdentifier,
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
} from "./names.js";
import { decodeStatusBits, parseStatus } from "./runtime/status.js";

export function validateModel(model: ApiModel, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (code: DiagnosticCode, message: string, span?: SourceSpan) =>
    found.push(diagnostic(code, message, file, span));

  checkCatalog(model, report);
  const catalog = new Set(model.responses.map((r) => r.status));
  for (const operation of model.operations) {
    checkTopic(operation, report);
    for (const alternative of operation.alternatives) {
      if (!catalog.has(alternative.status)) {
        report("unknown-status", `status ${alternative.status} (${alternative.name}) is not in the Responses catalog`, alternative.span);
      }
    }
  }
  checkOperationNames(model, report);
  checkPropertyNames(model, report);
  checkIdentifiers(
    "status",
    model.responses.map((r) => ({ name: r.name, identifier: statusErrorClassName(r), span: r.span })),
    report,
  );
  checkSchemaRefs(model, report);
  checkIdentifiers(
    "payload type",
    model.payloadTypes.map((p) => ({ name: p.name, identifier: payloadTypeName(p.name), span: p.span })),
    report,
  );
  checkClientNames(model, report);
  checkServerNames(model, report);
  return found;
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
function checkClientNames(model: ApiModel, report: Report): void {
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
    report,
  );
  for (const operation of model.operations.filter((o) => o.direction === "client-to-server")) {
    for (const property of operation.request.properties) {
      if (CLIENT_OPTION_KEYS.has(propertyKey(property))) {
        report(
          "identifier-clash",
          `property ${JSON.stringify(property.name)} of ${operation.name} becomes the client option ${propertyKey(property)}`,
          property.span,
        );
      }
    }
  }
}

/**
 * `server.ts` declares a type per operation message next to the payload types, a call method per
 * server→client operation, and flat message objects whose members are property keys, topic parameter
 * keys and `SERVER_MESSAGE_MEMBERS`: none of these names may meet.
 */
function checkServerNames(model: ApiModel, report: Report): void {
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
    report,
  );
  checkIdentifiers(
    "server call",
    operations
      .filter((o) => o.direction === "server-to-client")
      .map((o) => ({ name: o.name, identifier: serverCallName(o), span: o.span })),
    report,
  );
  for (const operation of model.operations) {
    // Server→client first messages carry their topic parameters as members too (clashes among
    // properties themselves are the property check's).
    const parameterKeys = new Map(
      (operation.direction === "server-to-client" ? operation.topic.parameters : []).map((p) => [topicParameterKey(p.name), p.name]),
    );
    for (const [key, name] of parameterKeys) {
      if (SERVER_MESSAGE_MEMBERS.has(key)) {
        report("identifier-clash", `topic parameter {${name}} of ${operation.name} becomes ${key}, which server messages reserve`, operation.topic.span);
      }
    }
    const messages = [operation.request, ...(operation.success ? [operation.success] : [])];
    for (const [index, message] of messages.entries()) {
      for (const property of message.properties) {
        const key = propertyKey(property);
        const parameter = index === 0 ? parameterKeys.get(key) : undefined;
        if (SERVER_MESSAGE_MEMBERS.has(key)) {
          report("identifier-clash", `property ${JSON.stringify(property.name)} of ${operation.name} becomes ${key}, which server messages reserve`, property.span);
        } else if (parameter !== undefined) {
          report("identifier-clash", `property ${JSON.stringify(property.name)} and topic parameter {${parameter}} of ${operation.name} both become ${key}`, property.span);
        }
      }
    }
  }
}

type Report = (code: DiagnosticCode, message: string, span?: SourceSpan) => void;

function checkCatalog(model: ApiModel, report: Report): void {
  const seen = new Set<string>();
  for (const response of model.responses) {
    if (seen.has(response.status)) report("duplicate-status", `status ${response.status} is listed twice in the catalog`, response.span);
    seen.add(response.status);
    const bits = decodeStatusBits(parseStatus(response.status) ?? 0);
    if (bits === undefined || bits.reservedBitsSet) {
      report("reserved-status-bits", `status ${response.status} sets reserved type bits (PROTOCOL.md F29)`, response.span);
    } else if ((bits.statusClass === "success") !== response.reasonCode < 0x80) {
      report(
        "reason-code-mismatch",
        `status ${response.status} is ${bits.statusClass} but reason code ${response.reasonCode} ${response.reasonCode < 0x80 ? "means success" : "means failure"}`,
        response.span,
      );
    }
  }
}

/** Topic names: `/`-separated non-empty levels, no wildcards, `{param}` only as a whole level (PROTOCOL.md C12–C13). */
function checkTopic(operation: OperationModel, report: Report): void {
  const { template, span } = operation.topic;
  const fail = (what: string) => report("topic-syntax", `topic ${JSON.stringify(template)} of ${operation.name}: ${what}`, span);
  if (template.trim() === "") {
    report("missing-topic", `${operation.name} has an empty topic name`, span);
    return;
  }
  const levels = template.split("/");
  if (levels.some((level) => level === "")) return fail("empty topic level");
  const names = new Set<string>();
  for (const level of levels) {
    if (/[+#]/.test(level)) return fail(`wildcard in level ${JSON.stringify(level)}`);
    if (/\s/.test(level)) return fail(`white space in level ${JSON.stringify(level)}`);
    const opens = (level.match(/\{/g) ?? []).length;
    const closes = (level.match(/\}/g) ?? []).length;
    if (opens !== closes) return fail(`unbalanced braces in level ${JSON.stringify(level)}`);
    if (opens === 0) continue;
    const name = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(level)?.[1];
    if (name === undefined) return fail(`a parameter must fill a whole level as {name}, got ${JSON.stringify(level)}`);
    if (names.has(name)) {
      report("duplicate-topic-parameter", `topic ${JSON.stringify(template)} names {${name}} twice`, span);
    }
    names.add(name);
  }
}

/** A payload schema refers to other payload types as `#/$defs/Name`; every such name must exist. */
function checkSchemaRefs(model: ApiModel, report: Report): void {
  const names = new Set(model.payloadTypes.map((type) => type.name));
  for (const type of model.payloadTypes) {
    for (const ref of type.schema === undefined ? [] : schemaRefs(type.schema)) {
      const target = ref.startsWith("#/$defs/") ? ref.slice("#/$defs/".length) : undefined;
      if (target === undefined || !names.has(target)) {
        report("invalid-schema", `the schema of ${type.name} refers to ${JSON.stringify(ref)}; expected #/$defs/ and a payload type name`, type.span);
      }
    }
  }
}

function schemaRefs(schema: JsonValue): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item: JsonValue) => schemaRefs(item));
  if (schema === null || typeof schema !== "object") return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value] : schemaRefs(value),
  );
}

function checkOperationNames(model: ApiModel, report: Report): void {
  const byId = new Map<string, OperationModel>();
  for (const operation of model.operations) {
    const earlier = byId.get(operation.id);
    if (earlier) {
      report("duplicate-operation", `operation ${JSON.stringify(operation.name)} repeats ${JSON.stringify(earlier.name)}`, operation.span);
    } else {
      byId.set(operation.id, operation);
    }
  }
  const distinct = [...byId.values()];
  checkIdentifiers(
    "operation",
    distinct.map((o) => ({ name: o.name, identifier: operationMethodName(o), span: o.span })),
    report,
  );
  checkIdentifiers(
    "handler",
    distinct
      .filter((o) => o.direction === "server-to-client")
      .map((o) => ({ name: o.name, identifier: handlerRegistrationName(o), span: o.span })),
    report,
  );
}

function checkPropertyNames(model: ApiModel, report: Report): void {
  const messages = [
    ...model.operations.flatMap((o) => [o.request, ...(o.success ? [o.success] : [])]),
    ...model.responses,
  ];
  for (const message of messages) {
    const seen = new Set<string>();
    for (const property of message.properties) {
      if (seen.has(property.name)) report("duplicate-property", `property ${JSON.stringify(property.name)} is listed twice`, property.span);
      seen.add(property.name);
    }
    checkIdentifiers(
      "property",
      message.properties
        .filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i)
        .map((p) => ({ name: p.name, identifier: propertyKey(p), span: p.span })),
      report,
    );
  }
}

interface Named {
  readonly name: string;
  readonly identifier: string;
  readonly span: SourceSpan | undefined;
}

/** Each name must give a usable identifier, distinct from the others of its scope. */
function checkIdentifiers(what: string, named: readonly Named[], report: Report): void {
  const owners = new Map<string, string>();
  for (const { name, identifier, span } of named) {
    if (identifier === "" || !/^[A-Za-z_$]/.test(identifier)) {
      report("invalid-identifier", `${what} ${JSON.stringify(name)} gives no usable identifier (${JSON.stringify(identifier)})`, span);
      continue;
    }
    if (!isUsableIdentifier(identifier)) {
      report("reserved-identifier", `${what} ${JSON.stringify(name)} becomes the reserved word ${identifier}`, span);
      continue;
    }
    const owner = owners.get(identifier);
    if (owner !== undefined) {
      report("identifier-clash", `${what} ${JSON.stringify(name)} and ${JSON.stringify(owner)} both become ${identifier}`, span);
    } else {
      owners.set(identifier, name);
    }
  }
}
