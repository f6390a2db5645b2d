/**
 * View-model of `templates/index.html.hbs`: the HTML reference, built from the model (not from the
 * markdown). Every piece of spec text arrives here as escaped inline HTML (`html-text.ts`); the template
 * places each in its element, one element a line.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  CatalogResponseModel,
  MessageModel,
  NoteModel,
  OperationModel,
  PayloadModel,
  PropertyModel,
} from "../../model.js";
import { payloadSpelling, replyTopicTemplate } from "../../model-rules.js";
import { byText } from "../order.js";
import { escapeHtml, inlineMarkdownHtml, paragraphsHtml } from "./html-text.js";
import { packetFlow, type Arrow, type PacketStep } from "./packet-flow.js";

/** A link of the navigation. */
export interface NavItemView {
  /** The target's id, without `#`. */
  readonly anchor: string;
  readonly label: string;
}

/** A DocFX note as an aside; its first paragraph opens with the note's kind. */
export interface NoteView {
  readonly kind: NoteModel["kind"];
  readonly paragraphs: readonly string[];
}

export interface PacketView {
  readonly step: number;
  readonly parties: string;
  readonly packet: string;
  readonly qos: string;
  readonly topic: string;
  /** What the packet carries: its properties and payload, one item a line of the cell. */
  readonly carries: readonly string[];
}

export interface PropertyRowView {
  readonly name: string;
  readonly type: string;
  readonly required: string;
  readonly description: string;
}

export interface MessageView {
  readonly heading: string;
  readonly description: readonly string[];
  readonly notes: readonly NoteView[];
  readonly properties: readonly PropertyRowView[];
  readonly hasProperties: boolean;
  readonly payload: string;
}

export interface OutcomeRowView {
  readonly status: string;
  readonly anchor: string;
  readonly name: string;
  readonly reasonCode: number;
  readonly description: string;
}

export interface OperationHtmlView {
  readonly anchor: string;
  readonly heading: string;
  readonly summary: readonly string[];
  readonly notes: readonly NoteView[];
  readonly direction: string;
  readonly interaction: string;
  readonly topic: string;
  readonly qos: number;
  readonly subscription: string;
  readonly hasSubscription: boolean;
  readonly responseTopic: string;
  readonly hasResponseTopic: boolean;
  readonly packets: readonly PacketView[];
  readonly messages: readonly MessageView[];
  readonly alternativesHeading: string;
  readonly alternatives: readonly OutcomeRowView[];
  readonly hasAlternatives: boolean;
}

export interface StatusRowView {
  readonly anchor: string;
  readonly code: string;
  readonly name: string;
  readonly reasonCode: number;
  readonly statusClass: string;
  readonly retryable: string;
  readonly properties: string;
  readonly description: string;
}

export interface HtmlPageView {
  readonly title: string;
  readonly apiVersion: string;
  /** ` (version 1.0)`, or empty when the API states no version. */
  readonly version: string;
  readonly description: readonly string[];
  readonly notes: readonly NoteView[];
  readonly operationNav: readonly NavItemView[];
  readonly statusNav: readonly NavItemView[];
  readonly operations: readonly OperationHtmlView[];
  readonly statuses: readonly StatusRowView[];
}

export function htmlPageView(model: ApiModel): HtmlPageView {
  const statuses = [...model.responses].sort(byText((r) => r.status));
  return {
    title: escapeHtml(model.title),
    apiVersion: escapeHtml(model.apiVersion),
    version: model.version === "" ? "" : ` (version ${escapeHtml(model.version)})`,
    description: paragraphsHtml(model.description),
    notes: model.notes.map(noteView),
    operationNav: model.operations.map((operation) => ({
      anchor: escapeHtml(operationAnchor(operation)),
      label: escapeHtml(operation.name),
    })),
    statusNav: statuses.map((status) => ({
      anchor: escapeHtml(statusAnchor(status.status)),
      label: `${escapeHtml(status.status)} ${escapeHtml(status.name)}`,
    })),
    operations: model.operations.map((operation) => operationView(operation, model)),
    statuses: statuses.map(statusRow),
  };
}

function operationAnchor(operation: Pick<OperationModel, "id">): string {
  return `op-${operation.id}`;
}

function statusAnchor(status: string): string {
  return `status-${status}`;
}

const PARTIES: Record<Arrow, string> = { "->": "client → server", "<-": "server → client" };

const INTERACTIONS: Record<OperationModel["interaction"], string> = {
  "request-response": "request → response",
  "message-ack": "message → acknowledgment",
  message: "one-way message",
};

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function operationView(operation: OperationModel, model: ApiModel): OperationHtmlView {
  const requestResponse = operation.interaction === "request-response";
  const messages = [messageView(requestResponse ? "Request" : "Message", operation.request)];
  if (operation.success) {
    messages.push(messageView(requestResponse ? "Success response" : "Success acknowledgment", operation.success));
  }
  return {
    anchor: escapeHtml(operationAnchor(operation)),
    heading: escapeHtml(operation.name),
    summary: paragraphsHtml(operation.summary),
    notes: operation.notes.map(noteView),
    direction: PARTIES[operation.direction === "client-to-server" ? "->" : "<-"],
    interaction: INTERACTIONS[operation.interaction],
    topic: code(operation.topic.template),
    qos: operation.qos,
    subscription: operation.subscription ? `${code(operation.subscription.filter)} at QoS ${operation.subscription.qos}` : "",
    hasSubscription: operation.subscription !== undefined,
    responseTopic: operation.reply ? code(replyTopicTemplate(operation.reply, model.dialect.replies, operation.id)) : "",
    hasResponseTopic: requestResponse,
    packets: packetFlow(operation, model).map(packetView),
    messages,
    alternativesHeading: requestResponse ? "Alternative responses" : "Alternative acknowledgments",
    alternatives: operation.alternatives.map(outcomeRow),
    hasAlternatives: operation.alternatives.length > 0,
  };
}

function packetView(step: PacketStep, index: number): PacketView {
  const carries = [
    ...step.fields.map((field) => {
      const text = `${code(field.name)} ${escapeHtml(field.value)}`;
      return field.optional ? `${text} (optional)` : text;
    }),
    ...(step.payload === undefined ? [] : [`payload ${escapeHtml(step.payload)}`]),
  ];
  return {
    step: index + 1,
    parties: PARTIES[step.arrow],
    packet: step.packet,
    qos: step.qos === undefined ? "" : String(step.qos),
    topic: step.topic === undefined ? "" : code(step.topic),
    carries,
  };
}

function messageView(heading: string, message: MessageModel): MessageView {
  return {
    heading,
    description: paragraphsHtml(message.description),
    notes: message.notes.map(noteView),
    properties: message.properties.map(propertyRow),
    hasProperties: message.properties.length > 0,
    payload: payloadHtml(message.payload),
  };
}

function propertyRow(property: PropertyModel): PropertyRowView {
  const kind = property.kind === "first-class" ? " (MQTT property)" : "";
  return {
    name: `${code(property.name)}${kind}`,
    type: escapeHtml(property.type),
    required: property.required ? "yes" : "no",
    description: inlineMarkdownHtml(property.description),
  };
}

/** The payload as both spec forms spell it; a type name is set as code. */
function payloadHtml(payload: PayloadModel): string {
  return payload.kind === "named" ? code(payloadSpelling(payload)) : escapeHtml(payloadSpelling(payload));
}

function outcomeRow(outcome: AlternativeOutcomeModel): OutcomeRowView {
  return {
    status: escapeHtml(outcome.status),
    anchor: escapeHtml(statusAnchor(outcome.status)),
    name: escapeHtml(outcome.name),
    reasonCode: outcome.reasonCode,
    description: inlineMarkdownHtml(outcome.description),
  };
}

function statusRow(response: CatalogResponseModel): StatusRowView {
  const notes = response.notes.map((note) => `${noteLabel(note)} ${inlineMarkdownHtml(note.text)}`);
  return {
    anchor: escapeHtml(statusAnchor(response.status)),
    code: escapeHtml(response.status),
    name: escapeHtml(response.name),
    reasonCode: response.reasonCode,
    statusClass: response.statusClass,
    retryable: response.retryable ? "yes" : "no",
    properties: response.properties.map((p) => code(p.name)).join(", "),
    description: [inlineMarkdownHtml(response.description), ...notes].join(" "),
  };
}

function noteLabel(note: NoteModel): string {
  return `<strong>${note.kind.charAt(0).toUpperCase()}${note.kind.slice(1)}:</strong>`;
}

function noteView(note: NoteModel): NoteView {
  const [first = "", ...rest] = paragraphsHtml(note.text);
  return { kind: note.kind, paragraphs: [`${noteLabel(note)} ${first}`, ...rest] };
}
