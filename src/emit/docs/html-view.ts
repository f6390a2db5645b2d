/**
 * View-model of `templates/index.html.hbs`: the HTML reference, built from the model (not from the
 * markdown). Every piece of spec text arrives here as escaped HTML (`html-text.ts`); elements whose
 * text varies in length are laid out as prettier would print them, at the indentation the template
 * places them (the numbers below follow the template's nesting).
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
import { payloadSpelling } from "../../model-rules.js";
import { escapeHtml, htmlBlock, inlineMarkdownHtml, linkItem, openTag, paragraphsHtml } from "./html-text.js";
import { packetFlow, type Arrow, type PacketStep } from "./packet-flow.js";

export interface NavItemView {
  /** `<li><a href="#…">…</a></li>`. */
  readonly item: string;
}

export interface PacketView {
  readonly step: number;
  readonly parties: string;
  readonly packet: string;
  readonly qos: string;
  /** `<td>` blocks. */
  readonly topic: string;
  readonly carries: string;
}

export interface PropertyRowView {
  readonly name: string;
  readonly type: string;
  readonly required: string;
  /** `<td>` block. */
  readonly description: string;
}

export interface MessageView {
  readonly heading: string;
  readonly description: readonly string[];
  readonly notes: readonly string[];
  readonly properties: readonly PropertyRowView[];
  readonly hasProperties: boolean;
  readonly payload: string;
}

export interface OutcomeRowView {
  readonly status: string;
  readonly name: string;
  readonly reasonCode: number;
  readonly description: string;
}

export interface OperationHtmlView {
  /** `<section id="…">`. */
  readonly open: string;
  readonly heading: string;
  readonly summary: readonly string[];
  readonly notes: readonly string[];
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
  readonly heading: string;
  readonly apiVersion: string;
  readonly description: readonly string[];
  readonly notes: readonly string[];
  readonly operationNav: readonly NavItemView[];
  /** Whether the lists have items: an empty `<ul>` or `<tbody>` goes on one line, as prettier prints it. */
  readonly hasOperations: boolean;
  readonly statusNav: readonly NavItemView[];
  readonly hasStatuses: boolean;
  readonly operations: readonly OperationHtmlView[];
  readonly statuses: readonly StatusRowView[];
}

/** Indentation of the template's elements, by nesting. */
const IN_HEAD = 4;
const IN_HEADER = 6;
const IN_NAV_LIST = 10;
const IN_MAIN = 8;
const IN_SECTION = 10;
const IN_DEFINITIONS = 12;
const IN_ROW = 16;

export function htmlPageView(model: ApiModel): HtmlPageView {
  const statuses = [...model.responses].sort((a, b) => a.status.localeCompare(b.status));
  return {
    title: htmlBlock("title", escapeHtml(model.title), IN_HEAD),
    heading: htmlBlock("h1", escapeHtml(model.title), IN_HEADER),
    apiVersion: htmlBlock("p", apiVersionHtml(model), IN_HEADER, ' class="api-version"'),
    description: paragraphsHtml(model.description).map((html) => htmlBlock("p", html, IN_HEADER)),
    notes: model.notes.map((note) => noteHtml(note, IN_HEADER)),
    operationNav: model.operations.map((operation) => navItem(operationAnchor(operation), escapeHtml(operation.name))),
    hasOperations: model.operations.length > 0,
    statusNav: statuses.map((status) =>
      navItem(statusAnchor(status.status), `${escapeHtml(status.status)} ${escapeHtml(status.name)}`),
    ),
    hasStatuses: statuses.length > 0,
    operations: model.operations.map((operation) => operationView(operation, model)),
    statuses: statuses.map(statusRow),
  };
}

function apiVersionHtml(model: ApiModel): string {
  const version = model.version === "" ? "" : ` (version ${escapeHtml(model.version)})`;
  return `api-version <code>${escapeHtml(model.apiVersion)}</code>${version}`;
}

function operationAnchor(operation: Pick<OperationModel, "id">): string {
  return `op-${operation.id}`;
}

function statusAnchor(status: string): string {
  return `status-${status}`;
}

function navItem(anchor: string, label: string): NavItemView {
  return { item: linkItem(`#${anchor}`, label, IN_NAV_LIST) };
}

const PARTIES: Record<Arrow, string> = { "->": "client → server", "<-": "server → client" };

const INTERACTIONS: Record<OperationModel["interaction"], string> = {
  "request-response": "request → response",
  "message-ack": "message → acknowledgment",
  message: "one-way message",
};

function operationView(operation: OperationModel, model: ApiModel): OperationHtmlView {
  const requestResponse = operation.interaction === "request-response";
  const messages = [messageView(requestResponse ? "Request" : "Message", operation.request)];
  if (operation.success) {
    messages.push(messageView(requestResponse ? "Success response" : "Success acknowledgment", operation.success));
  }
  const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
  return {
    open: openTag("section", [["id", operationAnchor(operation)]], IN_MAIN),
    heading: htmlBlock("h2", escapeHtml(operation.name), IN_SECTION),
    summary: paragraphsHtml(operation.summary).map((html) => htmlBlock("p", html, IN_SECTION)),
    notes: operation.notes.map((note) => noteHtml(note, IN_SECTION)),
    direction: PARTIES[operation.direction === "client-to-server" ? "->" : "<-"],
    interaction: INTERACTIONS[operation.interaction],
    topic: htmlBlock("dd", code(operation.topic.template), IN_DEFINITIONS),
    qos: operation.qos,
    subscription: operation.subscription
      ? htmlBlock("dd", `${code(operation.subscription.filter)} at QoS ${operation.subscription.qos}`, IN_DEFINITIONS)
      : "",
    hasSubscription: operation.subscription !== undefined,
    responseTopic: requestResponse ? htmlBlock("dd", code(model.responseTopic), IN_DEFINITIONS) : "",
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
      const text = `<code>${escapeHtml(field.name)}</code> ${escapeHtml(field.value)}`;
      return field.optional ? `${text} (optional)` : text;
    }),
    ...(step.payload === undefined ? [] : [`payload ${escapeHtml(step.payload)}`]),
  ];
  return {
    step: index + 1,
    parties: PARTIES[step.arrow],
    packet: step.packet,
    qos: step.qos === undefined ? "" : String(step.qos),
    topic: htmlBlock("td", step.topic === undefined ? "" : `<code>${escapeHtml(step.topic)}</code>`, IN_ROW),
    carries: htmlBlock("td", carries.join(", "), IN_ROW),
  };
}

function messageView(heading: string, message: MessageModel): MessageView {
  return {
    heading,
    description: paragraphsHtml(message.description).map((html) => htmlBlock("p", html, IN_SECTION)),
    notes: message.notes.map((note) => noteHtml(note, IN_SECTION)),
    properties: message.properties.map(propertyRow),
    hasProperties: message.properties.length > 0,
    payload: htmlBlock("p", `Payload: ${payloadHtml(message.payload)}`, IN_SECTION),
  };
}

function propertyRow(property: PropertyModel): PropertyRowView {
  const kind = property.kind === "first-class" ? " (MQTT property)" : "";
  return {
    name: htmlBlock("td", `<code>${escapeHtml(property.name)}</code>${kind}`, IN_ROW),
    type: escapeHtml(property.type),
    required: property.required ? "yes" : "no",
    description: htmlBlock("td", inlineMarkdownHtml(property.description), IN_ROW),
  };
}

/** The payload as both spec forms spell it; a type name is set as code. */
function payloadHtml(payload: PayloadModel): string {
  const spelling = escapeHtml(payloadSpelling(payload));
  return payload.kind === "named" ? `<code>${spelling}</code>` : spelling;
}

function outcomeRow(outcome: AlternativeOutcomeModel): OutcomeRowView {
  const status = escapeHtml(outcome.status);
  return {
    status: htmlBlock("td", `<a href="#${statusAnchor(status)}">${status}</a>`, IN_ROW),
    name: htmlBlock("td", escapeHtml(outcome.name), IN_ROW),
    reasonCode: outcome.reasonCode,
    description: htmlBlock("td", inlineMarkdownHtml(outcome.description), IN_ROW),
  };
}

function statusRow(response: CatalogResponseModel): StatusRowView {
  const notes = response.notes.map((note) => `${noteLabel(note)} ${inlineMarkdownHtml(note.text)}`);
  return {
    anchor: statusAnchor(escapeHtml(response.status)),
    code: escapeHtml(response.status),
    name: htmlBlock("td", escapeHtml(response.name), IN_ROW),
    reasonCode: response.reasonCode,
    statusClass: response.statusClass,
    retryable: response.retryable ? "yes" : "no",
    properties: htmlBlock(
      "td",
      response.properties.map((p) => `<code>${escapeHtml(p.name)}</code>`).join(", "),
      IN_ROW,
    ),
    description: htmlBlock("td", [inlineMarkdownHtml(response.description), ...notes].join(" "), IN_ROW),
  };
}

function noteLabel(note: NoteModel): string {
  return `<strong>${note.kind.charAt(0).toUpperCase()}${note.kind.slice(1)}:</strong>`;
}

/** A DocFX note as an aside; its first paragraph opens with the note's kind. */
function noteHtml(note: NoteModel, indent: number): string {
  const [first = "", ...rest] = paragraphsHtml(note.text);
  const paragraphs = [`${noteLabel(note)} ${first}`, ...rest].map(
    (html) => " ".repeat(indent + 2) + htmlBlock("p", html, indent + 2),
  );
  return [`<aside class="note note-${note.kind}">`, ...paragraphs, `${" ".repeat(indent)}</aside>`].join("\n");
}
