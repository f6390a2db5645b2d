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
  JsonValue,
  MessageModel,
  NoteModel,
  OperationModel,
  PayloadTypeModel,
  PropertyModel,
} from "../../model.js";
import { catalogReasonCode, payloadSpelling, specPayloads } from "../../model-rules.js";
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
  return {
    mqttgen: FORMAT_VERSION,
    title: model.title,
    version: optionalText(model.version),
    apiVersion: model.apiVersion,
    description: optionalText(model.description),
    frontMatter: Object.keys(model.frontMatter).length > 0 ? { ...model.frontMatter } : undefined,
    responseTopic: model.responseTopic,
    notes: notesList(model.notes),
    operations: model.operations.map((operation) => operationObject(operation, model.responses)),
    responses: optionalList(model.responses.map(catalogObject)),
    payloadTypes: optionalList(declaredPayloadTypes(model).map(payloadTypeObject)),
  };
}

function operationObject(operation: OperationModel, catalog: readonly CatalogResponseModel[]): YamlObject {
  const subscriptionQos = operation.subscription?.qos;
  return {
    name: operation.name,
    summary: optionalText(operation.summary),
    direction: operation.direction,
    interaction: operation.interaction,
    qos: operation.qos === defaultQos(operation.interaction) ? undefined : operation.qos,
    topic: operation.topic.template,
    subscriptionQos: subscriptionQos === operation.qos ? undefined : subscriptionQos,
    [firstMessageKey(operation.interaction)]: messageObject(operation.request),
    success: operation.success && messageObject(operation.success),
    alternatives: optionalList(operation.alternatives.map((alternative) => alternativeObject(alternative, catalog))),
    notes: notesList(operation.notes),
  };
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

function catalogObject(entry: CatalogResponseModel): YamlObject {
  const { description, ...message } = messageObject(entry);
  return { status: entry.status, name: entry.name, description, reasonCode: entry.reasonCode, ...message };
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
