/**
 * View-model of `templates/reference.md.hbs`: the API in the seed reference's own layout (front matter,
 * H1, description, `## Connection`, `## Operations`, `## Responses`), so that `parseMarkdownSpec` reads it
 * back as the same model. What the dialect leaves to the spec is written as labelled fields and tables
 * only where it differs from what a reader assumes (the preset's dialect and connection, string topic
 * parameters in their default scope, the dialect's default reply and correlation), so the seed reads as
 * it always did. Tables, code spans and pseudo-code are laid out here; the template only places blocks.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  CatalogResponseModel,
  ConnectionModel,
  MessageModel,
  NoteModel,
  OperationModel,
  PropertyModel,
} from "../../model.js";
import { CONNECTION_LIMITS } from "../../model.js";
import {
  catalogReasonCode,
  DIALECT_FRONT_MATTER_KEY,
  inferredPropertyKind,
  LIMIT_RULES,
  parameterDeclarations,
  payloadSpelling,
  statedMethod,
  statedVersions,
  type DeclaredParameter,
} from "../../model-rules.js";
import { MARKDOWN_DEFAULT_DIALECT } from "../../dialects/presets.js";
import { connectionDeclaration, declarationJson, dialectDeclaration, isPlainDeclaration } from "../../dialects/resolve.js";
import { yamlText } from "../yaml-text.js";
import { markdownTable } from "./markdown-table.js";
import {
  blockQuote,
  codeFence,
  codeSpan,
  noteMarkdown,
  plainTextCell,
  plainTextMarkdown,
  proseCell,
  proseMarkdown,
} from "./markdown-text.js";
import { packetFlow, type PacketStep } from "./packet-flow.js";

export interface MessageSectionView {
  readonly heading: string;
  readonly description: string;
  /** Labelled fields before the properties: the topic, its parameters, the correlation field. */
  readonly fields: readonly string[];
  /** The property table, or "" for `**Properties**: none`. */
  readonly propertiesTable: string;
  readonly payload: string;
  readonly notes: readonly string[];
}

export interface OperationView {
  readonly name: string;
  /** The summary, then the `**Group:**` field when the operation has one. */
  readonly head: readonly string[];
  readonly notes: readonly string[];
  readonly request: MessageSectionView;
  readonly success: MessageSectionView | undefined;
  readonly hasSuccess: boolean;
  readonly alternativesHeading: string;
  /** The section's blocks: a rejected topic and failure payload fields, then the table; none leaves the section out. */
  readonly alternatives: readonly string[];
  readonly hasAlternatives: boolean;
  /** The pseudo-code sample as a fenced block. */
  readonly pseudoCode: string;
}

export interface ResponseView {
  readonly name: string;
  readonly description: string;
  readonly notes: readonly string[];
  /** `**Reason Code:**`, `**Status:**`, and the class and retryability where the status format does not derive them. */
  readonly fields: readonly string[];
  readonly propertiesTable: string;
  readonly payload: string;
}

export interface ReferenceView {
  /** Front matter lines; empty when the API has no front matter and the markdown's default dialect. */
  readonly frontMatter: readonly string[];
  readonly hasFrontMatter: boolean;
  readonly title: string;
  /** Paragraphs under the title: the description, then version labels when it does not state the versions. */
  readonly headerBlocks: readonly string[];
  readonly notes: readonly string[];
  /** The blocks of `## Connection`, only those that differ from the dialect preset's; none leaves the section out. */
  readonly connection: readonly string[];
  readonly hasConnection: boolean;
  /** Blocks under `## Operations` before the first operation: the topic parameters every topic shares. */
  readonly operationsHead: readonly string[];
  readonly operations: readonly OperationView[];
  readonly responses: readonly ResponseView[];
}

export function referenceView(model: ApiModel): ReferenceView {
  const frontMatter = [
    ...Object.entries(model.frontMatter).map(([key, value]) => `${yamlScalar(key)}: ${yamlScalar(value)}`),
    ...dialectLines(model),
  ];
  const parameters = parameterDeclarations(model.operations);
  const connection = connectionBlocks(model);
  return {
    frontMatter,
    hasFrontMatter: frontMatter.length > 0,
    title: plainTextMarkdown(model.title),
    headerBlocks: headerBlocks(model),
    notes: model.notes.map(noteBlock),
    connection,
    hasConnection: connection.length > 0,
    operationsHead: parameterBlocks(parameters.shared),
    operations: model.operations.map((operation) => operationView(operation, model, parameters.byOperation.get(operation.id) ?? [])),
    responses: model.responses.map((response) => responseView(response, model)),
  };
}

/** `mqttgen-dialect` (the YAML form's `dialect`), unless the reference follows the markdown's default dialect unchanged. */
function dialectLines(model: ApiModel): string[] {
  const declaration = dialectDeclaration(model.dialect, model.responses);
  if (isPlainDeclaration(declaration) && declaration.base === MARKDOWN_DEFAULT_DIALECT) return [];
  return yamlText({ [DIALECT_FRONT_MATTER_KEY]: declarationJson(declaration) }).trimEnd().split("\n");
}

/**
 * The reference states the api-version (and version) in the prose under the title (docs/protocol.md#reading-the-reference). When
 * the description does not state the model's own (a model from another front end, an empty description),
 * label paragraphs follow it; the front end then reads the versions from them and leaves them out of the
 * description, which therefore reads back unchanged.
 */
function headerBlocks(model: ApiModel): string[] {
  const description = model.description === "" ? [] : [proseMarkdown(model.description)];
  const stated = statedVersions(model.description);
  if (stated.apiVersion === model.apiVersion && stated.version === model.version) return description;
  const version = model.version === "" ? [] : [`**Version:** ${codeSpan(model.version)}`];
  return [...description, `**api-version:** ${codeSpan(model.apiVersion)}`, ...version];
}

function connectionBlocks(model: ApiModel): string[] {
  const declaration = connectionDeclaration(model.dialect.name, model.apiVersion, model.connection);
  const { authentication, userProperties, limits, endpoint } = declaration;
  return [
    ...(authentication === undefined
      ? []
      : labelledTable(
          "**Authentication**",
          ["Kind", "Authentication Method"],
          authentication.map((way) => [way.kind, plainTextCell(statedMethod(way) ?? "")]),
        )),
    ...(userProperties === undefined ? [] : labelledTable("**CONNECT properties**", ...connectPropertyRows(userProperties))),
    ...(limits === undefined
      ? []
      : labelledTable(
          "**Limits**",
          ["Limit", "Value"],
          CONNECTION_LIMITS.flatMap((key) => {
            const value = limits[key];
            return value === undefined ? [] : [[LIMIT_RULES[key].label, String(value)]];
          }),
        )),
    ...(endpoint?.host === undefined ? [] : [`**Host:** ${codeSpan(endpoint.host)}`]),
    ...(endpoint?.port === undefined ? [] : [`**Port:** ${codeSpan(String(endpoint.port))}`]),
    ...(endpoint?.tls === undefined ? [] : [`**TLS:** ${endpoint.tls ? "yes" : "no"}`]),
    ...(endpoint?.websocketPath === undefined ? [] : [`**WebSocket path:** ${codeSpan(endpoint.websocketPath)}`]),
  ];
}

function connectPropertyRows(properties: ConnectionModel["userProperties"]): [string[], string[][]] {
  return [
    ["Name", "Type", "Required", "Value", "Description"],
    properties.map((p) => [plainTextCell(p.name), p.type, p.required ? "yes" : "no", plainTextCell(p.value ?? ""), proseCell(p.description)]),
  ];
}

/** A label and its table, or `label: none` for no rows. */
function labelledTable(label: string, header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return rows.length === 0 ? [`${label}: none`] : [`${label}:`, markdownTable(header, rows)];
}

function parameterBlocks(parameters: readonly DeclaredParameter[]): string[] {
  if (parameters.length === 0) return [];
  return labelledTable(
    "**Topic parameters**",
    ["Name", "Type", "Scope", "Description"],
    parameters.map((p) => [plainTextCell(p.name), p.type, p.scope, proseCell(p.description)]),
  );
}

function operationView(operation: OperationModel, model: ApiModel, parameters: readonly DeclaredParameter[]): OperationView {
  const requestResponse = operation.interaction === "request-response";
  const reply = operation.reply;
  const correlation = operation.correlation;
  const successTopic = reply?.kind === "topic" ? reply.topic : reply?.kind === "accepted-rejected" ? reply.accepted : undefined;
  return {
    name: plainTextMarkdown(operation.name),
    head: [
      ...(operation.summary === "" ? [] : [proseMarkdown(operation.summary)]),
      ...(operation.group === undefined ? [] : [`**Group:** ${plainTextMarkdown(operation.group)}`]),
    ],
    notes: operation.notes.map(noteBlock),
    request: messageSection(requestResponse ? "Request" : "Message", operation.request, [
      `**Topic name:** ${codeSpan(operation.topic.template)}`,
      ...parameterBlocks(parameters),
      ...(correlation?.kind === "payload-field" ? [`**Correlation field:** ${codeSpan(correlation.field)}`] : []),
    ]),
    success:
      operation.success &&
      messageSection(
        requestResponse ? "Success Response" : "Success Acknowledgment",
        operation.success,
        successTopic === undefined ? [] : [`**Topic name:** ${codeSpan(successTopic.template)}`],
      ),
    hasSuccess: operation.success !== undefined,
    alternativesHeading: requestResponse ? "Alternative Responses" : "Alternative Acknowledgments",
    alternatives: alternativesBlocks(operation, model.responses),
    hasAlternatives: alternativesBlocks(operation, model.responses).length > 0,
    pseudoCode: pseudoCode(packetFlow(operation, model)),
  };
}

function alternativesBlocks(operation: OperationModel, catalog: readonly CatalogResponseModel[]): string[] {
  const reply = operation.reply;
  const failure = operation.failurePayload;
  const table = alternativesTable(operation, catalog);
  return [
    ...(reply?.kind === "accepted-rejected" ? [`**Topic name:** ${codeSpan(reply.rejected.template)}`] : []),
    ...(failure?.payloadType === undefined ? [] : [`**Payload**: ${plainTextMarkdown(failure.payloadType)}`]),
    ...(failure === undefined
      ? []
      : [`**Code field:** ${codeSpan(failure.codeField)}`, `**Message field:** ${codeSpan(failure.messageField)}`]),
    ...(table === "" ? [] : [table]),
  ];
}

function messageSection(heading: string, message: MessageModel, fields: readonly string[]): MessageSectionView {
  return {
    heading,
    description: proseMarkdown(message.description),
    fields,
    propertiesTable: propertiesTable(message.properties),
    payload: plainTextMarkdown(payloadSpelling(message.payload)),
    notes: message.notes.map(noteBlock),
  };
}

function responseView(response: CatalogResponseModel, model: ApiModel): ResponseView {
  const stated = model.dialect.statusFormat !== "hex16";
  return {
    name: plainTextMarkdown(response.name),
    description: proseMarkdown(response.description),
    notes: response.notes.map(noteBlock),
    fields: [
      `**Reason Code:** ${codeSpan(String(response.reasonCode))}`,
      `**Status:** ${codeSpan(response.status)}`,
      ...(stated ? [`**Class:** ${codeSpan(response.statusClass)}`] : []),
      ...(stated && response.retryable ? ["**Retryable:** yes"] : []),
    ],
    propertiesTable: propertiesTable(response.properties),
    payload: plainTextMarkdown(payloadSpelling(response.payload)),
  };
}

/** A `Kind` column only where some property's kind is not the one its name suggests (a capitalised user property). */
function propertiesTable(properties: readonly PropertyModel[]): string {
  if (properties.length === 0) return "";
  const withKind = properties.some((p) => p.kind !== inferredPropertyKind(p.name));
  const cells = (p: PropertyModel) => [plainTextCell(p.name), p.type, p.required ? "yes" : "no", ...(withKind ? [p.kind] : [])];
  return markdownTable(
    ["Name", "Type", "Required", ...(withKind ? ["Kind"] : []), "Description"],
    properties.map((p) => [...cells(p), proseCell(p.description)]),
  );
}

/**
 * Acknowledgment tables carry a Reason Code column, as in the seed; response tables take the catalog's
 * reason code, so they carry the column only when an outcome's reason code differs from it.
 */
function alternativesTable(operation: OperationModel, catalog: readonly CatalogResponseModel[]): string {
  const { alternatives } = operation;
  if (alternatives.length === 0) return "";
  const withReasonCode =
    operation.interaction !== "request-response" ||
    alternatives.some((outcome) => outcome.reasonCode !== catalogReasonCode(outcome.status, catalog));
  const cells = (outcome: AlternativeOutcomeModel) => [
    plainTextCell(outcome.status),
    plainTextCell(outcome.name),
    proseCell(outcome.description),
  ];
  return withReasonCode
    ? markdownTable(
        ["Reason Code", "Status", "Name", "Description"],
        alternatives.map((outcome) => [String(outcome.reasonCode), ...cells(outcome)]),
      )
    : markdownTable(["Status", "Name", "Description"], alternatives.map(cells));
}

/** The pseudo-code sample: one property per line, optional ones in brackets. */
function pseudoCode(steps: readonly PacketStep[]): string {
  const lines = steps.flatMap((step) => {
    const head = `${step.arrow} ${step.packet}`;
    if (step.packet === "SUBSCRIBE") return [head, `    - Topic: ${step.topic ?? ""}`, `      QoS: ${step.qos ?? 0}`];
    return [
      head,
      ...(step.qos === undefined ? [] : [`    QoS: ${step.qos}`]),
      ...(step.topic === undefined ? [] : [`    Topic: ${step.topic}`]),
      ...step.fields.map(
        (field) => `    ${field.optional ? `[${field.name}: ${field.value}]` : `${field.name}: ${field.value}`}`,
      ),
      ...(step.payload === undefined ? [] : [`    Payload: ${step.payload}`]),
    ];
  });
  const fence = codeFence(lines);
  return [fence, ...lines, fence].join("\n");
}

/** A DocFX alert block: `> [!NOTE]` and the note's markdown, quoted. */
function noteBlock(note: NoteModel): string {
  return blockQuote([`[!${note.kind.toUpperCase()}]`, ...noteMarkdown(note.text).split("\n")]);
}

/** A front matter key or value: plain when YAML reads it back as the same text, else double-quoted. */
function yamlScalar(text: string): string {
  const plain = /^[A-Za-z0-9_.($/][^\n]*$/.test(text) && !/:\s|\s#|[:\s]$/.test(text);
  return plain ? text : JSON.stringify(text);
}
