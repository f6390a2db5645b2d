/**
 * View-model of `templates/api.ts.hbs`: the one frozen table of an API (`ApiTable`, read by `defineApi`)
 * that `client.ts` and `server.ts` both import. It holds everything the runtime needs from the model: the
 * resolved dialect, what CONNECT carries, the status catalog's runtime facts and every operation with its
 * typed topic parameters, reply, correlation, failure payload, property tables, payload codecs and
 * payload validators. The table is data, printed as one literal in a fixed layout (../ts-literal.ts).
 */
import type {
  ApiModel,
  AuthenticationModel,
  ConnectionModel,
  DialectModel,
  MessageModel,
  OperationModel,
  PayloadModel,
  PropertyModel,
  ReplyModel,
} from "../../model.js";
import { declarationsOf } from "../../declarations.js";
import { propertyKey } from "../../names.js";
import { ImportCollector, type ImportView } from "../imports.js";
import { parametersTypeView, type ParametersTypeView } from "./parameters.js";
import { RUNTIME_SHARED } from "../runtime-modules.js";
import { CodeReference, printLiteral, type Literal } from "../ts-literal.js";

export interface ApiFileView {
  readonly imports: readonly ImportView[];
  /** The exported table (`iothubApi`). */
  readonly tableName: string;
  /** The API's title, for the table's JSDoc. */
  readonly title: string;
  /** The runtime's `defineApi` and `ApiTable`, as this file imports them. */
  readonly defineApi: string;
  readonly apiTableType: string;
  /** The `defineApi` argument, printed. */
  readonly table: string;
  /** The topic levels callers choose, one type per operation that has any, for client.ts and server.ts. */
  readonly parameterTypes: readonly ParametersTypeView[];
}

/**
 * `validated`: the payload types `validators.ts` exports a check for (those with a JSON Schema); a message
 * whose payload is one of them carries its validator.
 */
export function apiFileView(model: ApiModel, specName: string, validated: ReadonlySet<string>): ApiFileView {
  const imports = new ImportCollector();
  const declarations = declarationsOf(model, specName);
  const defineApi = imports.value("defineApi", RUNTIME_SHARED);
  const apiTableType = imports.type("ApiTable", RUNTIME_SHARED);
  const validator = (payload: PayloadModel | undefined): Literal => {
    const name = payload?.kind === "named" && validated.has(payload.type) ? declarations.validators.get(payload.type) : undefined;
    return name === undefined ? undefined : new CodeReference(imports.namespaceMember("validators", "./validators.js", name));
  };
  const table = printLiteral({
    title: model.title,
    apiVersion: model.apiVersion,
    dialect: dialectLiteral(model.dialect),
    connection: connectionLiteral(model.connection),
    statuses: Object.fromEntries(
      model.responses.map((r) => [r.status, { reasonCode: r.reasonCode, statusClass: r.statusClass, retryable: r.retryable }]),
    ),
    operations: model.operations.map((operation) => operationLiteral(operation, validator)),
  });
  return {
    imports: imports.views(),
    tableName: declarations.table,
    title: model.title.trim() || "this API",
    defineApi,
    apiTableType,
    table,
    parameterTypes: model.operations.flatMap((o) => parametersTypeView(o, declarations.parameters.get(o.id))),
  };
}

function dialectLiteral(dialect: DialectModel): Literal {
  const { outcome } = dialect;
  return {
    name: dialect.name,
    replies: { ...dialect.replies },
    correlation: { kind: dialect.correlation.kind, maxBytes: dialect.correlation.maxBytes },
    messageKey: dialect.messageKey === undefined ? undefined : { ...dialect.messageKey },
    outcome: {
      statusProperty:
        outcome.statusProperty === undefined ? undefined : { name: outcome.statusProperty, format: dialect.statusFormat },
      reasonProperty: outcome.reasonProperty,
      traceProperty: outcome.traceProperty,
    },
    statusFormat: dialect.statusFormat,
    applicationProperties: dialect.applicationProperties === undefined ? undefined : { ...dialect.applicationProperties },
    undeclaredProperties: dialect.undeclaredProperties,
    runtimeStatuses: { ...dialect.runtimeStatuses },
  };
}

function connectionLiteral(connection: ConnectionModel): Literal {
  return {
    authentication: connection.authentication.map(authenticationLiteral),
    userProperties: connection.userProperties.map((p) => ({ name: p.name, required: p.required, value: p.value })),
    limits: { ...connection.limits },
  };
}

function authenticationLiteral(authentication: AuthenticationModel): Literal {
  return { ...authentication };
}

type ValidatorOf = (payload: PayloadModel | undefined) => Literal;

function operationLiteral(operation: OperationModel, validator: ValidatorOf): Literal {
  const requestResponse = operation.interaction === "request-response";
  const failurePayload = operation.failurePayload;
  const failureType = failurePayload?.payloadType;
  return {
    id: operation.id,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos,
    topic: operation.topic.template,
    parameters: operation.topic.parameters.map((p) => ({ name: p.name, type: p.type, scope: p.scope })),
    subscription: operation.subscription === undefined ? undefined : { qos: operation.subscription.qos },
    request: messageLiteral(operation.request, validator),
    success: requestResponse && operation.success !== undefined ? messageLiteral(operation.success, validator) : undefined,
    reply: requestResponse ? replyLiteral(operation.reply ?? { kind: "default" }) : undefined,
    correlation: requestResponse ? correlationLiteral(operation.correlation) : undefined,
    failurePayload:
      failurePayload === undefined
        ? undefined
        : {
            codeField: failurePayload.codeField,
            messageField: failurePayload.messageField,
            validate: failureType === undefined ? undefined : validator({ kind: "named", type: failureType }),
          },
  };
}

function correlationLiteral(correlation: OperationModel["correlation"]): Literal {
  return correlation?.kind === "payload-field" ? { kind: "payload-field", field: correlation.field } : { kind: "correlation-data" };
}

function replyLiteral(reply: ReplyModel): Literal {
  switch (reply.kind) {
    case "default":
      return { kind: "default" };
    case "topic":
      return { kind: "topic", topic: reply.topic.template };
    case "accepted-rejected":
      return { kind: "accepted-rejected", accepted: reply.accepted.template, rejected: reply.rejected.template };
  }
}

function messageLiteral(message: MessageModel, validator: ValidatorOf): Literal {
  return {
    properties: message.properties.map(propertyLiteral),
    payload: { empty: "empty", bytes: "bytes", named: "json" }[message.payload.kind],
    validate: validator(message.payload),
  };
}

function propertyLiteral(property: PropertyModel): Literal {
  return {
    key: propertyKey(property),
    name: property.name,
    type: property.type,
    required: property.required,
    kind: property.kind,
    mqttField: property.kind === "first-class" ? property.mqttField : undefined,
  };
}
