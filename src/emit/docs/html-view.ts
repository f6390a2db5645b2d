/**
 * View-model of `templates/index.html.hbs`: the HTML reference, built from the model (not from the
 * markdown). Every piece of spec text arrives here as escaped inline HTML (`html-text.ts`); the template
 * places each in its element, one element a line.
 */
import type {
  AlternativeOutcomeModel,
  ApiModel,
  AuthenticationModel,
  CatalogResponseModel,
  ConnectionModel,
  DialectModel,
  MessageModel,
  NoteModel,
  OperationModel,
  PayloadModel,
  PayloadTypeModel,
  PropertyModel,
  TopicParameterModel,
} from "../../model.js";
import { CONNECTION_LIMITS, RUNTIME_CONDITIONS } from "../../model.js";
import { LIMIT_RULES, payloadSpelling, replyTopicTemplate } from "../../model-rules.js";
import { byText } from "../order.js";
import { connectPropertyAnchor, messageRoles, operationAnchor, payloadTypeAnchor, propertyAnchor, statusAnchor } from "./anchors.js";
import { authenticationFlags, endpointFacts, operationCommands, shellWord } from "./commands.js";
import { examplePackets, payloadText, schemaDefinitions } from "./examples.js";
import { escapeHtml, inlineMarkdownHtml, paragraphsHtml } from "./html-text.js";
import { packetFlow, type Arrow, type PacketStep } from "./packet-flow.js";
import { describedHtml, schemaRows, typeHtml, type SchemaRowView } from "./schema-view.js";
import { searchIndexJson } from "./search-index.js";
import { apiSnippets, type ApiSnippets } from "./snippets.js";

/** A link of the navigation. */
export interface NavItemView {
  /** The target's id, without `#`. */
  readonly anchor: string;
  readonly label: string;
}

/** Operations of one docs group in the navigation; `label` is empty for those of no group. */
export interface NavGroupView {
  readonly label: string;
  readonly hasLabel: boolean;
  readonly items: readonly NavItemView[];
}

/** A term and its description in a `<dl>`, both escaped HTML. */
export interface FactView {
  readonly term: string;
  readonly value: string;
}

export interface ParameterRowView {
  readonly name: string;
  readonly type: string;
  readonly scope: string;
  readonly description: string;
}

export interface ConnectPropertyRowView {
  readonly anchor: string;
  readonly name: string;
  readonly type: string;
  readonly required: string;
  readonly value: string;
  readonly description: string;
}

/** A block of code with a copy button: a command or a TypeScript snippet. */
export interface SnippetView {
  /** The `<pre>`'s id, which its copy button names. */
  readonly id: string;
  readonly label: string;
  /** `shell` or `typescript`. */
  readonly language: string;
  /** The code, escaped. */
  readonly code: string;
}

/** A way to authenticate, and the Mosquitto flags that do it. */
export interface AuthenticationView {
  readonly label: string;
  /** The flags, escaped; empty when none are needed. */
  readonly flags: string;
  readonly hasFlags: boolean;
}

/** What CONNECT carries and how clients authenticate. */
export interface ConnectionView {
  readonly authentication: readonly AuthenticationView[];
  readonly properties: readonly ConnectPropertyRowView[];
  readonly hasProperties: boolean;
  /** Limits and endpoint, as facts. */
  readonly facts: readonly FactView[];
  readonly hasFacts: boolean;
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
  readonly anchor: string;
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
  /** An example payload, escaped (pretty JSON or the text of bytes); empty for an empty payload. */
  readonly payloadExample: string;
  readonly hasPayloadExample: boolean;
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
  /** Where replies travel, how they are correlated, where failures travel: facts of request-response operations. */
  readonly replyFacts: readonly FactView[];
  readonly parameters: readonly ParameterRowView[];
  readonly hasParameters: boolean;
  readonly packets: readonly PacketView[];
  /** The packets again, filled with example values: escaped lines of a `<pre>`. */
  readonly packetExample: string;
  readonly commands: readonly SnippetView[];
  /** The generated client calling (or handling) the operation: a complete program. */
  readonly clientSnippet: SnippetView;
  /** The generated server's part: a handler member or a call, as the whole server snippet holds it. */
  readonly serverSnippet: SnippetView;
  readonly serverSnippetIntro: string;
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

/** A payload type: its schema's rows and an example. */
export interface PayloadTypeView {
  readonly anchor: string;
  readonly name: string;
  readonly description: string;
  /** The schema's type as a whole (`object`, `TwinState & TwinVersion`); `JSON, no schema` without one. */
  readonly type: string;
  readonly rows: readonly SchemaRowView[];
  readonly hasRows: boolean;
  readonly example: string;
}

export interface HtmlPageView {
  readonly title: string;
  readonly apiVersion: string;
  /** ` (version 1.0)`, or empty when the API states no version. */
  readonly version: string;
  readonly description: readonly string[];
  readonly notes: readonly NoteView[];
  /** The dialect's conventions: replies, correlation, outcomes, statuses, properties. */
  readonly conventions: readonly FactView[];
  readonly connection: ConnectionView;
  readonly operationNav: readonly NavGroupView[];
  readonly statusNav: readonly NavItemView[];
  readonly operations: readonly OperationHtmlView[];
  readonly typeNav: readonly NavItemView[];
  readonly payloadTypes: readonly PayloadTypeView[];
  readonly hasPayloadTypes: boolean;
  /** A whole server on the generated code: every handler and a call of each server→client operation. */
  readonly serverSnippet: SnippetView;
  /** Search entries (operations, topics, properties, payload fields, statuses) as JSON safe inside `<script>`. */
  readonly searchIndex: string;
  /** How outcomes carry the statuses below, or that the API defines none. */
  readonly statusIntro: string;
  readonly statuses: readonly StatusRowView[];
  readonly hasStatuses: boolean;
}

export function htmlPageView(model: ApiModel, specName: string): HtmlPageView {
  const statuses = [...model.responses].sort(byText((r) => r.status));
  const snippets = apiSnippets(model, specName);
  const payloadTypes = model.payloadTypes.map((type) => payloadTypeView(type, model));
  return {
    title: escapeHtml(model.title),
    apiVersion: escapeHtml(model.apiVersion),
    version: model.version === "" ? "" : ` (version ${escapeHtml(model.version)})`,
    description: paragraphsHtml(model.description),
    notes: model.notes.map(noteView),
    conventions: conventionFacts(model.dialect),
    connection: connectionView(model.connection),
    operationNav: navGroups(model.operations),
    statusNav: statuses.map((status) => ({
      anchor: escapeHtml(statusAnchor(status.status)),
      label: `${escapeHtml(status.status)} ${escapeHtml(status.name)}`,
    })),
    operations: model.operations.map((operation) => operationView(operation, model, snippets)),
    typeNav: model.payloadTypes.map((type) => ({ anchor: escapeHtml(payloadTypeAnchor(type.name)), label: escapeHtml(type.name) })),
    payloadTypes,
    hasPayloadTypes: payloadTypes.length > 0,
    serverSnippet: snippetView("server-snippet", "Server", "typescript", snippets.server),
    searchIndex: searchIndexJson(model),
    statusIntro: statusIntro(model),
    statuses: statuses.map(statusRow),
    hasStatuses: statuses.length > 0,
  };
}

/** Operations by group, groups in order of first appearance; operations of no group first. */
function navGroups(operations: readonly OperationModel[]): NavGroupView[] {
  const groups: (string | undefined)[] = [undefined, ...new Set(operations.flatMap((o) => (o.group === undefined ? [] : [o.group])))];
  return groups.flatMap((group) => {
    const items = operations
      .filter((operation) => operation.group === group)
      .map((operation) => ({ anchor: escapeHtml(operationAnchor(operation)), label: escapeHtml(operation.name) }));
    return items.length === 0 ? [] : [{ label: escapeHtml(group ?? ""), hasLabel: group !== undefined, items }];
  });
}

const STATUS_FORMATS = {
  hex16: "four hex digits; the high byte's bits 1..0 give the class, bit 2 retryability",
  integer: "decimal integers",
  text: "text tokens, compared exactly",
} as const;

/** The dialect's conventions, as the page's reader needs them to speak the API. */
function conventionFacts(dialect: DialectModel): FactView[] {
  const replies = dialect.replies;
  const { statusProperty, reasonProperty, traceProperty } = dialect.outcome;
  const maxBytes = dialect.correlation.maxBytes;
  const runtime = RUNTIME_CONDITIONS.flatMap((condition) => {
    const status = dialect.runtimeStatuses[condition];
    return status === undefined ? [] : [`${escapeHtml(condition)} ${code(status)}`];
  });
  return [
    { term: "Dialect", value: code(dialect.name) },
    {
      term: "Replies",
      value:
        replies.kind === "shared-topic"
          ? `on the shared topic ${code(replies.topic)}, which clients need not subscribe to; Response Topic is ignored`
          : `on the Response Topic the requester sets: ${code(`${replies.prefix}/<operation id>`)}, its client id filled in, under the prefix it subscribes to once`,
    },
    {
      term: "Correlation",
      value: `MQTT 5 Correlation Data, echoed byte for byte${maxBytes === undefined ? "" : `, at most ${maxBytes} bytes`}, unless an operation names a payload field`,
    },
    {
      term: "Message keys",
      value:
        dialect.messageKey === undefined
          ? "none: QoS 1 messages carry no key for duplicate suppression"
          : dialect.messageKey.kind === "correlation-data"
            ? "random Correlation Data the client attaches to every QoS 1 message"
            : `the ${code(dialect.messageKey.name)} user property`,
    },
    {
      term: "Outcomes",
      value: [
        "the MQTT reason code",
        statusProperty === undefined ? "" : `the status in the ${code(statusProperty)} user property`,
        reasonProperty === undefined ? "the reason in the Reason String" : `the reason in ${code(reasonProperty)}`,
        traceProperty === undefined ? "" : `a trace id in ${code(traceProperty)}`,
      ]
        .filter((part) => part !== "")
        .join(", "),
    },
    { term: "Statuses", value: escapeHtml(STATUS_FORMATS[dialect.statusFormat]) },
    {
      term: "Application properties",
      value:
        dialect.applicationProperties === undefined
          ? "user properties of any name"
          : `user properties named ${code(`${dialect.applicationProperties.prefix}<name>`)}`,
    },
    {
      term: "Undeclared properties",
      value: dialect.undeclaredProperties === "refuse" ? "refused as a bad request" : "accepted and handed to the application",
    },
    { term: "Runtime statuses", value: runtime.length === 0 ? "none: bare reason codes and runtime errors" : runtime.join(", ") },
  ];
}

function connectionView(connection: ConnectionModel): ConnectionView {
  const endpoint = connection.endpoint;
  const runtimeDefault = endpointFacts(connection);
  const facts: FactView[] = [
    {
      term: "Host",
      value: endpoint?.host === undefined ? "not stated by the spec: the host you are given" : `${code(endpoint.host)}${endpoint.host.includes("{") ? " (fill in the parts in braces)" : ""}`,
    },
    {
      term: "Port",
      value: endpoint?.port === undefined ? `${runtimeDefault.port} (not stated by the spec; the generated client's default)` : String(endpoint.port),
    },
    {
      term: "TLS",
      value: endpoint?.tls === undefined ? "yes (not stated by the spec; the generated client's default)" : endpoint.tls ? "yes" : "no",
    },
    ...(endpoint?.websocketPath === undefined ? [] : [{ term: "WebSocket path", value: code(endpoint.websocketPath) }]),
    ...CONNECTION_LIMITS.flatMap((key) => {
      const value = connection.limits[key];
      return value === undefined ? [] : [{ term: `${escapeHtml(LIMIT_RULES[key].label)} (server announces)`, value: String(value) }];
    }),
  ];
  const properties = connection.userProperties.map((property) => ({
    anchor: escapeHtml(connectPropertyAnchor(property.name)),
    name: code(property.name),
    type: escapeHtml(property.type),
    required: property.required ? "yes" : "no",
    value: property.value === undefined ? "" : code(property.value),
    description: inlineMarkdownHtml(property.description),
  }));
  return {
    authentication: connection.authentication.map((authentication) => {
      const flags = authenticationFlags(authentication).map((group) => group.map(shellWord).join(" ")).join(" ");
      return { label: authenticationHtml(authentication), flags: escapeHtml(flags), hasFlags: flags !== "" };
    }),
    properties,
    hasProperties: properties.length > 0,
    facts,
    hasFacts: facts.length > 0,
  };
}

const AUTHENTICATION_LABELS: Record<AuthenticationModel["kind"], string> = {
  none: "no credentials",
  "username-password": "CONNECT User Name and Password",
  token: "a token as MQTT 5 Authentication Data",
  sas: "a shared access signature",
  x509: "a TLS client certificate",
};

function authenticationHtml(authentication: AuthenticationModel): string {
  const method = "method" in authentication && authentication.method !== undefined ? `, Authentication Method ${code(authentication.method)}` : "";
  return `${escapeHtml(AUTHENTICATION_LABELS[authentication.kind])}${method}`;
}

function statusIntro(model: ApiModel): string {
  if (model.responses.length === 0) return "This API defines no statuses: outcomes are MQTT reason codes.";
  const property = model.dialect.outcome.statusProperty;
  const carriers = [
    property === undefined ? "" : `the ${code(property)} user property`,
    model.operations.some((operation) => operation.failurePayload !== undefined) ? "the reply payloads that carry failures" : "",
  ].filter((part) => part !== "");
  const where = carriers.length === 0 ? "nothing carries them on the wire; they document reason codes" : `they travel in ${carriers.join(" and in ")}`;
  return `Statuses are ${escapeHtml(STATUS_FORMATS[model.dialect.statusFormat])}; ${where}, beside an MQTT reason code.`;
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

function operationView(operation: OperationModel, model: ApiModel, snippets: ApiSnippets): OperationHtmlView {
  const requestResponse = operation.interaction === "request-response";
  const definitions = schemaDefinitions(model);
  const message = (heading: string, role: string, body: MessageModel) => messageView(heading, body, (name) => propertyAnchor(operation, role, name), definitions);
  const roles = messageRoles(operation);
  const messages = [message(requestResponse ? "Request" : "Message", roles.request, operation.request)];
  if (operation.success) {
    messages.push(message(requestResponse ? "Success response" : "Success acknowledgment", roles.success, operation.success));
  }
  const anchor = operationAnchor(operation);
  const snippet = snippets.operations.get(operation.id);
  const clientToServer = operation.direction === "client-to-server";
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
    replyFacts: replyFacts(operation, model),
    parameters: operation.topic.parameters.map(parameterRow),
    hasParameters: operation.topic.parameters.length > 0,
    packets: packetFlow(operation, model).map(packetView),
    packetExample: escapeHtml(packetExampleText(operation, model)),
    commands: operationCommands(operation, model).map((command, index) =>
      snippetView(`${anchor}-command-${index + 1}`, command.purpose, "shell", command.text),
    ),
    clientSnippet: snippetView(`${anchor}-client`, clientToServer ? "Call it with the generated client" : "Handle it with the generated client", "typescript", snippet?.client ?? ""),
    serverSnippet: snippetView(`${anchor}-server`, clientToServer ? "Handle it in the generated server" : "Send it from the generated server", "typescript", snippet?.server ?? ""),
    serverSnippetIntro: clientToServer ? "A member of the server's handlers:" : "A call of the server:",
    messages,
    alternativesHeading: requestResponse ? "Alternative responses" : "Alternative acknowledgments",
    alternatives: operation.alternatives.map(outcomeRow),
    hasAlternatives: operation.alternatives.length > 0,
  };
}

/** Where a request-response operation's replies travel, how they find their request, where failures travel. */
function replyFacts(operation: OperationModel, model: ApiModel): FactView[] {
  const reply = operation.reply;
  if (reply === undefined) return [];
  const topic = replyTopicTemplate(reply, model.dialect.replies, operation.id);
  const where: FactView[] =
    reply.kind === "accepted-rejected"
      ? [
          { term: "Accepted topic", value: `${code(reply.accepted.template)} (success)` },
          { term: "Rejected topic", value: `${code(reply.rejected.template)} (failure)` },
        ]
      : reply.kind === "default" && model.dialect.replies.kind === "requester-topic"
        ? [{ term: "Response Topic", value: `${code(topic)}, set by the requester` }]
        : [{ term: "Reply topic", value: code(topic) }];
  const correlation = operation.correlation;
  const failure = operation.failurePayload;
  return [
    ...where,
    {
      term: "Correlation",
      value:
        correlation?.kind === "payload-field"
          ? `the payload field ${code(correlation.field)}, copied from the request into the reply`
          : "Correlation Data, echoed",
    },
    ...(failure === undefined
      ? []
      : [
          {
            term: "Failure payload",
            value: `${failure.payloadType === undefined ? "JSON" : code(failure.payloadType)}: status in ${code(failure.codeField)}, text in ${code(failure.messageField)}`,
          },
        ]),
  ];
}

const SCOPES: Record<TopicParameterModel["scope"], string> = {
  free: "any value (+ when subscribing)",
  "client-id": "the connection's own client id",
};

function parameterRow(parameter: TopicParameterModel): ParameterRowView {
  return {
    name: code(parameter.name),
    type: escapeHtml(parameter.type),
    scope: escapeHtml(SCOPES[parameter.scope]),
    description: inlineMarkdownHtml(parameter.description),
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
    topic: step.topic === undefined ? "" : `${code(step.topic)}${step.outcome === undefined ? "" : ` (${step.outcome})`}`,
    carries,
  };
}

function messageView(
  heading: string,
  message: MessageModel,
  anchorOf: (name: string) => string,
  definitions: ReturnType<typeof schemaDefinitions>,
): MessageView {
  const example = payloadText(message.payload, definitions);
  const pretty = example === undefined || message.payload.kind !== "named" ? example : JSON.stringify(JSON.parse(example), null, 2);
  return {
    heading,
    description: paragraphsHtml(message.description),
    notes: message.notes.map(noteView),
    properties: message.properties.map((property) => propertyRow(property, anchorOf(property.name))),
    hasProperties: message.properties.length > 0,
    payload: payloadHtml(message.payload),
    payloadExample: escapeHtml(pretty ?? ""),
    hasPayloadExample: pretty !== undefined,
  };
}

function propertyRow(property: PropertyModel, anchor: string): PropertyRowView {
  const kind = property.kind === "first-class" ? " (MQTT property)" : "";
  return {
    anchor: escapeHtml(anchor),
    name: `${code(property.name)}${kind}`,
    type: escapeHtml(property.type),
    required: property.required ? "yes" : "no",
    description: inlineMarkdownHtml(property.description),
  };
}

/** The payload as both spec forms spell it; a type name is set as code and links to the type. */
function payloadHtml(payload: PayloadModel): string {
  return payload.kind === "named"
    ? `<a href="#${escapeHtml(payloadTypeAnchor(payload.type))}">${code(payloadSpelling(payload))}</a> (JSON)`
    : escapeHtml(payloadSpelling(payload));
}

function snippetView(id: string, label: string, language: string, text: string): SnippetView {
  return { id: escapeHtml(id), label: escapeHtml(label), language, code: escapeHtml(text) };
}

/** The example packets as lines: the packet and its sender, then its fields in aligned columns. */
function packetExampleText(operation: OperationModel, model: ApiModel): string {
  return examplePackets(operation, model)
    .map((packet) => {
      const width = Math.max(0, ...packet.fields.map((field) => field.name.length));
      const fields = packet.fields.map((field) => `  ${field.name.padEnd(width)}  ${field.value}`);
      return [`${packet.packet}  ${PARTIES[packet.arrow]}`, ...fields].join("\n");
    })
    .join("\n\n");
}

function payloadTypeView(type: PayloadTypeModel, model: ApiModel): PayloadTypeView {
  const rows = type.schema === undefined ? [] : schemaRows(type.name, type.schema);
  const example = payloadText({ kind: "named", type: type.name }, schemaDefinitions(model)) ?? "{}";
  const description = type.description !== "" ? inlineMarkdownHtml(type.description) : type.schema === undefined ? "" : describedHtml(type.schema);
  return {
    anchor: escapeHtml(payloadTypeAnchor(type.name)),
    name: escapeHtml(type.name),
    description,
    type: type.schema === undefined ? "any JSON value: the spec gives no schema" : typeHtml(type.schema),
    rows,
    hasRows: rows.length > 0,
    example: escapeHtml(JSON.stringify(JSON.parse(example), null, 2)),
  };
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
