/**
 * View-model of `templates/reference.md.hbs`: the API in the seed reference's own layout (front matter,
 * H1, description, `## Operations`, `## Responses`), so that `parseMarkdownSpec` reads it back as the
 * same model. Tables, code spans and pseudo-code are laid out here; the template only places blocks.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  CatalogResponseModel,
  MessageModel,
  NoteModel,
  OperationModel,
  PropertyModel,
} from "../../model.js";
import { catalogReasonCode, payloadSpelling, statedVersions } from "../../model-rules.js";
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
  /** The topic as a code span; "" for outcome sections, which have none. */
  readonly topic: string;
  /** The property table, or "" for `**Properties**: none`. */
  readonly propertiesTable: string;
  readonly payload: string;
  readonly notes: readonly string[];
}

export interface OperationView {
  readonly name: string;
  readonly summary: string;
  readonly notes: readonly string[];
  readonly request: MessageSectionView;
  readonly success: MessageSectionView | undefined;
  readonly hasSuccess: boolean;
  readonly alternativesHeading: string;
  /** "" when the operation lists no alternative outcome (the section is then left out). */
  readonly alternativesTable: string;
  /** The pseudo-code sample as a fenced block. */
  readonly pseudoCode: string;
}

export interface ResponseView {
  readonly name: string;
  readonly description: string;
  readonly notes: readonly string[];
  readonly reasonCode: string;
  readonly status: string;
  readonly propertiesTable: string;
  readonly payload: string;
}

export interface ReferenceView {
  /** `key: value` lines; empty when the API has no front matter. */
  readonly frontMatter: readonly string[];
  readonly hasFrontMatter: boolean;
  readonly title: string;
  /** Paragraphs under the title: the description, then version labels when it does not state the versions. */
  readonly headerBlocks: readonly string[];
  readonly notes: readonly string[];
  readonly operations: readonly OperationView[];
  readonly responses: readonly ResponseView[];
}

export function referenceView(model: ApiModel): ReferenceView {
  const frontMatter = Object.entries(model.frontMatter).map(
    ([key, value]) => `${yamlScalar(key)}: ${yamlScalar(value)}`,
  );
  return {
    frontMatter,
    hasFrontMatter: frontMatter.length > 0,
    title: plainTextMarkdown(model.title),
    headerBlocks: headerBlocks(model),
    notes: model.notes.map(noteBlock),
    operations: model.operations.map((operation) => operationView(operation, model)),
    responses: model.responses.map(responseView),
  };
}

/**
 * The reference states the api-version (and version) in the prose under the title (PROTOCOL.md Q17). When
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

function operationView(operation: OperationModel, model: ApiModel): OperationView {
  const requestResponse = operation.interaction === "request-response";
  return {
    name: plainTextMarkdown(operation.name),
    summary: proseMarkdown(operation.summary),
    notes: operation.notes.map(noteBlock),
    request: messageSection(
      requestResponse ? "Request" : "Message",
      operation.request,
      codeSpan(operation.topic.template),
    ),
    success:
      operation.success &&
      messageSection(requestResponse ? "Success Response" : "Success Acknowledgment", operation.success, ""),
    hasSuccess: operation.success !== undefined,
    alternativesHeading: requestResponse ? "Alternative Responses" : "Alternative Acknowledgments",
    alternativesTable: alternativesTable(operation, model.responses),
    pseudoCode: pseudoCode(packetFlow(operation, model)),
  };
}

function messageSection(heading: string, message: MessageModel, topic: string): MessageSectionView {
  return {
    heading,
    description: proseMarkdown(message.description),
    topic,
    propertiesTable: propertiesTable(message.properties),
    payload: plainTextMarkdown(payloadSpelling(message.payload)),
    notes: message.notes.map(noteBlock),
  };
}

function responseView(response: CatalogResponseModel): ResponseView {
  return {
    name: plainTextMarkdown(response.name),
    description: proseMarkdown(response.description),
    notes: response.notes.map(noteBlock),
    reasonCode: codeSpan(String(response.reasonCode)),
    status: codeSpan(response.status),
    propertiesTable: propertiesTable(response.properties),
    payload: plainTextMarkdown(payloadSpelling(response.payload)),
  };
}

function propertiesTable(properties: readonly PropertyModel[]): string {
  if (properties.length === 0) return "";
  return markdownTable(
    ["Name", "Type", "Required", "Description"],
    properties.map((p) => [plainTextCell(p.name), p.type, p.required ? "yes" : "no", proseCell(p.description)]),
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
