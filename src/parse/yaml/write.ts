/**
 * The model written as the YAML IDL: the inverse of `parseYamlSpec`. Derived data (ids, topic
 * parameters, subscription filters, senders, status traits, property kinds) is left out, and so is
 * every value equal to the default the reader would give it, so the output reads like a hand-written
 * spec. Keys come in a fixed order and nothing depends on clocks or maps, so output is deterministic.
 */
import { Document, isNode, isSeq } from "yaml";
import type {
  AlternativeOutcomeModel,
  ApiModel,
  CatalogResponseModel,
  ConnectPropertyModel,
  JsonValue,
  MessageModel,
  NoteModel,
  OperationModel,
  PayloadTypeModel,
  PropertyModel,
  ReplyModel,
  StatusFormat,
} from "../../model.js";
import {
  catalogReasonCode,
  defaultScope,
  inferredPropertyKind,
  parameterDeclarations,
  payloadSpelling,
  specPayloads,
  statedMethod,
  type DeclaredParameter,
} from "../../model-rules.js";
import { YAML_DEFAULT_DIALECT } from "../../dialects/presets.js";
import {
  connectionDeclaration,
  declarationJson,
  dialectDeclaration,
  isPlainDeclaration,
} from "../../dialects/resolve.js";
import { defaultQos } from "../common.js";
import {
  DEFAULT_SCHEMA_PATH,
  FORMAT_VERSION,
  firstMessageKey,
  undeclaredPayloadTypes,
} from "./format.js";

/** A YAML mapping under construction; `undefined` values are left out of the output. */
type YamlObject = { [key: string]: YamlValue | undefined };
type YamlValue = JsonValue | YamlObject | readonly YamlValue[];

export interface YamlWriteOptions {
  /** The schema reference editors follow, relative to the written file or a URL. */
  readonly schemaPath?: string;
}

export function modelToYaml(model: ApiModel, options: YamlWriteOptions = {}): string {
  const document = new Document(apiObject(model));
  // A blank line between the entries of the long lists keeps a spec scannable.
  for (const key of ["operations", "responses", "payloadTypes"]) {
    const list = document.get(key, true);
    if (isSeq(list)) list.items.forEach((item, index) => index > 0 && setSpaceBefore(item));
  }
  const body = document.toString({ lineWidth: 0 });
  return `# yaml-language-server: $schema=${options.schemaPath ?? DEFAULT_SCHEMA_PATH}\n${body}`;
}

function apiObject(model: ApiModel): YamlObject {
  const parameters = parameterDeclarations(model.operations);
  return {
    mqttgen: FORMAT_VERSION,
    title: model.title,
    version: optionalText(model.version),
    apiVersion: model.apiVersion,
    description: optionalText(model.description),
    frontMatter: Object.keys(model.frontMatter).length > 0 ? { ...model.frontMatter } : undefined,
    dialect: dialectValue(model),
    connection: connectionObject(model),
    topicParameters: optionalList(parameters.shared.map(parameterObject)),
    notes: notesList(model.notes),
    operations: model.operations.map((operation) =>
      operationObject(operation, model.responses, parameters.byOperation.get(operation.id) ?? []),
    ),
    responses: optionalList(model.responses.map((entry) => catalogObject(entry, model.dialect.statusFormat))),
    payloadTypes: optionalList(declaredPayloadTypes(model).map(payloadTypeObject)),
  };
}

/** The dialect's declaration; left out when it is the YAML default preset, unchanged. */
function dialectValue(model: ApiModel): JsonValue | undefined {
  const declaration = dialectDeclaration(model.dialect, model.responses);
  return isPlainDeclaration(declaration) && declaration.base === YAML_DEFAULT_DIALECT ? undefined : declarationJson(declaration);
}

/** The parts of the connection that differ from the dialect preset's; left out when none does. */
function connectionObject(model: ApiModel): YamlObject | undefined {
  const declaration = connectionDeclaration(model.dialect.name, model.apiVersion, model.connection);
  if (isPlainDeclaration(declaration)) return undefined;
  const { authentication, userProperties, limits, endpoint } = declaration;
  return {
    authentication: authentication?.map((way) => {
      const method = statedMethod(way);
      return method === undefined ? way.kind : { kind: way.kind, method };
    }),
    userProperties: userProperties?.map(connectPropertyObject),
    limits: limits && { ...limits },
    endpoint: endpoint && { ...endpoint },
  };
}

function connectPropertyObject(property: ConnectPropertyModel): YamlObject {
  return {
    name: property.name,
    type: property.type,
    required: property.required ? true : undefined,
    value: property.value,
    description: optionalText(property.description),
  };
}

function parameterObject(parameter: DeclaredParameter): YamlObject {
  return {
    name: parameter.name,
    type: parameter.type === "string" ? undefined : parameter.type,
    scope: parameter.scope === defaultScope(parameter.name) ? undefined : parameter.scope,
    description: optionalText(parameter.description),
  };
}

function operationObject(
  operation: OperationModel,
  catalog: readonly CatalogResponseModel[],
  parameters: readonly DeclaredParameter[],
): YamlObject {
  const subscriptionQos = operation.subscription?.qos;
  const correlation = operation.correlation;
  const failure = operation.failurePayload;
  return {
    name: operation.name,
    summary: optionalText(operation.summary),
    group: operation.group,
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos === defaultQos(operation.interaction) ? undefined : operation.qos,
    topic: operation.topic.template,
    topicParameters: optionalList(parameters.map(parameterObject)),
    subscriptionQos: subscriptionQos === operation.qos ? undefined : subscriptionQos,
    [firstMessageKey(operation.interaction)]: messageObject(operation.request),
    success: operation.success && messageObject(operation.success),
    alternatives: optionalList(operation.alternatives.map((alternative) => alternativeObject(alternative, catalog))),
    reply: operation.reply && replyObject(operation.reply),
    correlation: correlation?.kind === "payload-field" ? { payloadField: correlation.field } : undefined,
    failurePayload: failure && { codeField: failure.codeField, messageField: failure.messageField, payload: failure.payloadType },
    notes: notesList(operation.notes),
  };
}

/** `undefined` for the dialect's default, which the reader assumes. */
function replyObject(reply: ReplyModel): YamlObject | undefined {
  switch (reply.kind) {
    case "default":
      return undefined;
    case "topic":
      return { topic: reply.topic.template };
    case "accepted-rejected":
      return { accepted: reply.accepted.template, rejected: reply.rejected.template };
  }
}

function messageObject(message: MessageModel): YamlObject {
  return {
    description: optionalText(message.description),
    properties: optionalList(message.properties.map(propertyObject)),
    payload: message.payload.kind === "empty" ? undefined : payloadSpelling(message.payload),
    notes: notesList(message.notes),
  };
}

function propertyObject(property: PropertyModel): YamlObject {
  return {
    name: property.name,
    type: property.type,
    required: property.required ? true : undefined,
    kind: property.kind === inferredPropertyKind(property.name) ? undefined : property.kind,
    description: optionalText(property.description),
  };
}

/** `reasonCode` is written only where it differs from the catalog's, which the reader falls back on. */
function alternativeObject(alternative: AlternativeOutcomeModel, catalog: readonly CatalogResponseModel[]): YamlObject {
  return {
    status: alternative.status,
    name: alternative.name,
    description: optionalText(alternative.description),
    reasonCode:
      alternative.reasonCode === catalogReasonCode(alternative.status, catalog) ? undefined : alternative.reasonCode,
  };
}

/** Class and retryability are written where the status format does not derive them from the status bits. */
function catalogObject(entry: CatalogResponseModel, format: StatusFormat): YamlObject {
  const { description, ...message } = messageObject(entry);
  const stated = format !== "hex16";
  return {
    status: entry.status,
    name: entry.name,
    description,
    reasonCode: entry.reasonCode,
    class: stated ? entry.statusClass : undefined,
    retryable: stated && entry.retryable ? true : undefined,
    ...message,
  };
}

function payloadTypeObject(type: PayloadTypeModel): YamlObject {
  return { name: type.name, description: optionalText(type.description), schema: type.schema };
}

function notesList(notes: readonly NoteModel[]): YamlValue | undefined {
  return optionalList(notes.map((note) => ({ [note.kind]: note.text })));
}

/**
 * The shortest head of `payloadTypes` from which the reader rebuilds the whole list: types that say
 * nothing (no description, no schema) and come in order of first use are left for it to add.
 */
function declaredPayloadTypes(model: ApiModel): readonly PayloadTypeModel[] {
  const payloads = specPayloads(model.operations, model.responses);
  const target = model.payloadTypes.map(payloadTypeKey);
  for (let count = 0; count < model.payloadTypes.length; count++) {
    const declared = model.payloadTypes.slice(0, count);
    const rebuilt = [...declared, ...undeclaredPayloadTypes(declared, payloads)].map(payloadTypeKey);
    if (rebuilt.length === target.length && rebuilt.every((key, index) => key === target[index])) return declared;
  }
  return model.payloadTypes;
}

function payloadTypeKey(type: PayloadTypeModel): string {
  return JSON.stringify([type.name, type.description, type.schema === undefined ? [] : [type.schema]]);
}

function optionalText(text: string): string | undefined {
  return text === "" ? undefined : text;
}

function optionalList<T extends YamlValue>(items: readonly T[]): readonly T[] | undefined {
  return items.length === 0 ? undefined : items;
}

function setSpaceBefore(node: unknown): void {
  if (isNode(node)) node.spaceBefore = true;
}
