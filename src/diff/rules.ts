/**
 * The one catalogue of `mqttgen diff` rules. The comparison code in this folder finds *facts* (a property
 * was removed, a QoS changed, …) and says in which *flow* they happened; this table decides what each
 * fact means: which rule it is, its category, its severity and its message. Adding a model field means
 * adding facts and rules here, not restructuring the engine.
 *
 * - **Flow** (whose message changed): `uplink` is what the client publishes (requests and messages of
 *   client-to-server operations, the client's answers to server-to-client ones); `downlink` is what the
 *   server publishes. The diff assumes what every device API lives with: the server moves to NEW first,
 *   clients in the field keep running code built against OLD. So in the uplink a narrowed value breaks
 *   deployed clients, in the downlink a widened one does (oasdiff's request/response contravariance).
 * - **Category** (who breaks): `wire`, a deployed peer built against OLD fails or misbehaves against NEW;
 *   `typescript`, code compiled against the OLD generated client or server stops compiling; `behaviour`,
 *   semantics change without a wire or type break; `docs`, prose only.
 * - **Severity**: `error` breaks deployed clients or client code; `warning` needs a look (server code the
 *   API owner changes with the spec, failures clients were not told about); `info` is compatible.
 *   TypeScript breaks of *server* code are warnings because the API owner builds the server and changes it
 *   together with the spec; client code belongs to others.
 * - **Conditions** come from the dialect (`dialect.ts`) or the payload schema: whether the receiver refuses
 *   what it does not declare, whether CONNECT states the api-version.
 *
 * Messages are templates with `{name}` placeholders that report sites fill; values from a spec arrive
 * already quoted as code spans (`change.ts`), so a message is at once plain text and markdown.
 */

export type Severity = "error" | "warning" | "info";
export type Category = "wire" | "typescript" | "behaviour" | "docs";
export type Flow = "uplink" | "downlink";
export type Condition = "receiver-refuses-undeclared" | "connect-states-api-version";

/** What the comparison code can find. Each fact, in each flow and under each condition, selects one rule. */
export const FACTS = [
  "api-version-changed",
  "response-topic-changed",
  "breaking-without-version-bump",
  "dialect-changed",
  "status-format-changed",
  "outcome-property-changed",
  "undeclared-properties-tightened",
  "undeclared-properties-loosened",
  "runtime-status-changed",
  "message-key-changed",
  "message-key-removed",
  "correlation-limit-lowered",
  "correlation-limit-raised",
  "authentication-added",
  "authentication-removed",
  "authentication-method-changed",
  "connect-property-added-required",
  "connect-property-added-optional",
  "connect-property-removed",
  "connect-property-made-required",
  "connect-property-made-optional",
  "connect-property-value-changed",
  "connect-property-value-dropped",
  "connect-property-type-narrowed",
  "connect-property-type-widened",
  "connect-property-type-incompatible",
  "connect-property-type-reinterpreted",
  "endpoint-changed",
  "limit-tightened",
  "limit-loosened",
  "operation-added",
  "operation-removed",
  "operation-renamed",
  "direction-changed",
  "interaction-changed",
  "qos-changed",
  "subscription-qos-raised",
  "subscription-qos-lowered",
  "topic-changed",
  "topic-parameter-added",
  "topic-parameter-removed",
  "topic-parameter-renamed",
  "topic-parameter-scoped",
  "topic-parameter-unscoped",
  "topic-parameter-type-narrowed",
  "topic-parameter-type-widened",
  "topic-parameter-type-incompatible",
  "topic-parameter-type-reinterpreted",
  "reply-kind-changed",
  "reply-topic-changed",
  "correlation-changed",
  "failure-payload-changed",
  "property-added-required",
  "property-added-optional",
  "property-removed-required",
  "property-removed-optional",
  "property-made-required",
  "property-made-optional",
  "property-type-narrowed",
  "property-type-widened",
  "property-type-incompatible",
  "property-type-reinterpreted",
  "property-kind-changed",
  "payload-narrowed",
  "payload-widened",
  "payload-incompatible",
  "payload-type-renamed",
  "payload-type-removed",
  "field-added-required",
  "field-added-optional",
  "field-removed-required",
  "field-removed-optional",
  "field-made-required",
  "field-made-optional",
  "field-narrowed",
  "field-widened",
  "field-incompatible",
  "field-keyword-changed",
  "status-added",
  "status-removed",
  "status-reason-code-changed",
  "catalog-status-added",
  "catalog-status-removed",
  "catalog-status-renamed",
  "catalog-reason-code-changed",
  "catalog-success-changed",
  "catalog-class-changed",
  "catalog-retryable-changed",
  "prose-changed",
] as const;

export type Fact = (typeof FACTS)[number];

/** When a rule applies: one of its facts, in its flow (any when absent), with or without a condition. */
export interface RuleApplies {
  readonly facts: readonly Fact[];
  readonly flow?: Flow;
  readonly if?: Condition;
  readonly unless?: Condition;
}

export interface RuleEntry {
  readonly category: Category;
  readonly severity: Severity;
  /** The doc line: what the rule means and why it has its severity (README table). */
  readonly summary: string;
  readonly applies: RuleApplies;
  /** The message template; `{name}` placeholders are filled by the report site. */
  readonly message: string;
  /** The rule reports something that NEW no longer has: text output points at OLD. */
  readonly removal?: true;
}

export const RULES = {
  // --- API, CONNECT and version -------------------------------------------------------------------
  "connect-api-version-changed": {
    category: "wire",
    severity: "warning",
    summary: "the api-version changed: deployed clients state the old one in CONNECT, which a server built from NEW alone refuses",
    applies: { facts: ["api-version-changed"], if: "connect-states-api-version" },
    message: "api-version changed from {from} to {to}: deployed clients state {from} in CONNECT; serve both versions until they move",
  },
  "api-version-changed": {
    category: "behaviour",
    severity: "info",
    summary: "the api-version changed (the dialect does not state it in CONNECT)",
    applies: { facts: ["api-version-changed"], unless: "connect-states-api-version" },
    message: "api-version changed from {from} to {to}",
  },
  "api-version-not-bumped": {
    category: "wire",
    severity: "error",
    summary: "breaking changes under an unchanged api-version: deployed clients cannot tell the versions apart",
    applies: { facts: ["breaking-without-version-bump"] },
    message: "{count} breaking change(s) but the api-version stays {to}",
  },
  "response-topic-changed": {
    category: "wire",
    severity: "error",
    summary: "the response topic changed: deployed clients wait for responses (and answer server requests) on the old one",
    applies: { facts: ["response-topic-changed"] },
    message: "response topic changed from {from} to {to}",
  },

  // --- Dialect conventions -----------------------------------------------------------------------
  "dialect-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "the spec starts from another dialect preset: each convention the presets differ in is reported on its own, check the rest by hand",
    applies: { facts: ["dialect-changed"] },
    message: "dialect changed from {from} to {to}",
  },
  "status-format-changed": {
    category: "wire",
    severity: "error",
    summary: "statuses are written another way (hex16, integer, text): deployed peers misread every status in properties and failure payloads",
    applies: { facts: ["status-format-changed"] },
    message: "status format changed from {from} to {to}; deployed peers misread every status",
  },
  "outcome-property-changed": {
    category: "wire",
    severity: "error",
    summary: "the user property carrying an outcome's status, reason or trace id changed: deployed peers read or write the old one",
    applies: { facts: ["outcome-property-changed"] },
    message: "outcome {what} property changed from {from} to {to}",
  },
  "undeclared-properties-tightened": {
    category: "wire",
    severity: "error",
    summary: "the server now refuses user properties it accepted (undeclared properties refused, or the application-property prefix changed): deployed clients that send them fail",
    applies: { facts: ["undeclared-properties-tightened"] },
    message: "undeclared user properties: {from} before, {to} now; the server refuses some that deployed clients send",
  },
  "undeclared-properties-loosened": {
    category: "wire",
    severity: "info",
    summary: "the server now accepts user properties it refused: deployed clients are unaffected",
    applies: { facts: ["undeclared-properties-loosened"] },
    message: "undeclared user properties: {from} before, {to} now",
  },
  "runtime-status-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "the runtime answers one of its own conditions (bad request, handler failure, target unavailable, …) with another status: deployed peers see another failure",
    applies: { facts: ["runtime-status-changed"] },
    message: "runtime condition {condition} now answers {to} instead of {from}",
  },
  "message-key-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "QoS 1 messages are keyed another way for duplicate suppression: deployed clients key them the old way (or not at all), so their redeliveries are no longer recognised",
    applies: { facts: ["message-key-changed"] },
    message: "message key changed from {from} to {to}; duplicates from deployed clients are no longer suppressed",
  },
  "message-key-removed": {
    category: "behaviour",
    severity: "warning",
    summary: "QoS 1 messages are no longer keyed: the server stops suppressing duplicates, a redelivered message runs twice",
    applies: { facts: ["message-key-removed"] },
    message: "message key {from} removed; the server no longer suppresses duplicate deliveries",
    removal: true,
  },

  "correlation-limit-lowered": {
    category: "wire",
    severity: "error",
    summary: "Correlation Data may be shorter than before (or is bounded where it was not): the server refuses longer Correlation Data deployed requesters send",
    applies: { facts: ["correlation-limit-lowered"] },
    message: "Correlation Data limit lowered from {from} to {to}; the server refuses longer Correlation Data deployed requesters send",
  },
  "correlation-limit-raised": {
    category: "wire",
    severity: "info",
    summary: "Correlation Data may be longer than before (or is no longer bounded): deployed requesters stay within it",
    applies: { facts: ["correlation-limit-raised"] },
    message: "Correlation Data limit raised from {from} to {to}",
  },

  // --- Connection: authentication, CONNECT properties, limits ------------------------------------
  "connect-authentication-added": {
    category: "wire",
    severity: "info",
    summary: "a new way to authenticate: deployed clients keep using theirs",
    applies: { facts: ["authentication-added"] },
    message: "connection: clients may now authenticate by {kind}",
  },
  "connect-authentication-removed": {
    category: "wire",
    severity: "error",
    summary: "a way to authenticate was removed: deployed clients that use it are refused at CONNECT",
    applies: { facts: ["authentication-removed"] },
    message: "connection: authentication by {kind} removed; deployed clients that use it are refused",
    removal: true,
  },
  "connect-authentication-method-changed": {
    category: "wire",
    severity: "error",
    summary: "the MQTT 5 Authentication Method of a way to authenticate changed: deployed clients send the old one",
    applies: { facts: ["authentication-method-changed"] },
    message: "connection: {kind} authentication method changed from {from} to {to}",
  },
  "connect-property-added-required": {
    category: "wire",
    severity: "error",
    summary: "CONNECT must carry a new user property: deployed clients do not send it and are refused",
    applies: { facts: ["connect-property-added-required"] },
    message: "CONNECT: new required property {property}; deployed clients do not send it",
  },
  "connect-property-added-optional": {
    category: "wire",
    severity: "info",
    summary: "CONNECT may carry a new optional user property",
    applies: { facts: ["connect-property-added-optional"] },
    message: "CONNECT: new optional property {property}",
  },
  "connect-property-removed": {
    category: "typescript",
    severity: "warning",
    summary: "a CONNECT user property was removed: deployed clients still send it (the server ignores it), client code passing it changes",
    applies: { facts: ["connect-property-removed"] },
    message: "CONNECT: property {property} removed",
    removal: true,
  },
  "connect-property-made-required": {
    category: "wire",
    severity: "error",
    summary: "an optional CONNECT user property became required: deployed clients may omit it and are refused",
    applies: { facts: ["connect-property-made-required"] },
    message: "CONNECT: property {property} is now required; deployed clients may omit it",
  },
  "connect-property-made-optional": {
    category: "wire",
    severity: "info",
    summary: "a required CONNECT user property became optional: deployed clients still send it",
    applies: { facts: ["connect-property-made-optional"] },
    message: "CONNECT: property {property} is now optional",
  },
  "connect-property-value-changed": {
    category: "wire",
    severity: "error",
    summary: "the fixed value a CONNECT user property must carry changed: deployed clients send the old one and are refused",
    applies: { facts: ["connect-property-value-changed"] },
    message: "CONNECT: property {property} must now be {to} instead of {from}",
  },
  "connect-property-value-dropped": {
    category: "behaviour",
    severity: "warning",
    summary: "a required CONNECT user property lost its fixed value: the server accepts what deployed clients send, but a client built from NEW no longer fills it in and refuses to connect unless its code gives one",
    applies: { facts: ["connect-property-value-dropped"] },
    message: "CONNECT: property {property} is no longer fixed to {from}; client code must now give it in connectProperties",
  },
  "connect-property-type-changed": {
    category: "wire",
    severity: "error",
    summary: "a CONNECT user property changed to a type that refuses or misreads some values deployed clients send (narrowed, incompatible, or the same text read as another value)",
    applies: { facts: ["connect-property-type-narrowed", "connect-property-type-incompatible", "connect-property-type-reinterpreted"] },
    message: "CONNECT: property {property} changed type from {from} to {to}; the server refuses or misreads some values deployed clients send",
  },
  "connect-property-type-widened": {
    category: "wire",
    severity: "info",
    summary: "a CONNECT user property was widened: every value deployed clients send stays valid (client code passes CONNECT properties as text, so no TypeScript type changes)",
    applies: { facts: ["connect-property-type-widened"] },
    message: "CONNECT: property {property} widened from {from} to {to}",
  },
  "connect-endpoint-changed": {
    category: "wire",
    severity: "warning",
    summary: "where clients connect changed (host, port, TLS, WebSocket path): deployed clients configured with the old endpoint miss a server at the new one; generated code carries no endpoint, so check deployments",
    applies: { facts: ["endpoint-changed"] },
    message: "connection: endpoint {what} changed from {from} to {to}; deployed clients configured with {from} do not reach it",
  },
  "connect-limit-tightened": {
    category: "wire",
    severity: "error",
    summary: "a limit the server announces in CONNACK was lowered or newly set (packet size, receive maximum, QoS, …): deployed clients that relied on the old one exceed it",
    applies: { facts: ["limit-tightened"] },
    message: "connection: {limit} lowered from {from} to {to}; deployed clients may exceed it",
  },
  "connect-limit-loosened": {
    category: "wire",
    severity: "info",
    summary: "a limit the server announces in CONNACK was raised or dropped: deployed clients stay within it",
    applies: { facts: ["limit-loosened"] },
    message: "connection: {limit} raised from {from} to {to}",
  },

  // --- Operations --------------------------------------------------------------------------------
  "operation-added-client-to-server": {
    category: "typescript",
    severity: "warning",
    summary: "new client-to-server operation: server code compiled against OLD lacks its required handler",
    applies: { facts: ["operation-added"], flow: "uplink" },
    message: "{operation}: new client-to-server operation on {topic}; server code must implement its handler",
  },
  "operation-added-server-to-client": {
    category: "wire",
    severity: "info",
    summary: "new server-to-client operation: deployed clients do not subscribe to it and keep working",
    applies: { facts: ["operation-added"], flow: "downlink" },
    message: "{operation}: new server-to-client operation on {topic}",
  },
  "operation-removed": {
    category: "wire",
    severity: "error",
    summary: "operation removed: deployed clients still publish to or subscribe to its topic",
    applies: { facts: ["operation-removed"] },
    message: "{operation}: operation removed; deployed clients still use {topic}",
    removal: true,
  },
  "operation-renamed": {
    category: "typescript",
    severity: "error",
    summary: "operation renamed (same topic and shape): the wire is unchanged, generated method and type names change",
    applies: { facts: ["operation-renamed"] },
    message: "{operation}: renamed from {from}; generated method and type names change",
  },
  "operation-direction-changed": {
    category: "wire",
    severity: "error",
    summary: "the operation changed direction (client-to-server ↔ server-to-client)",
    applies: { facts: ["direction-changed"] },
    message: "{operation}: direction changed from {from} to {to}",
  },
  "operation-interaction-changed": {
    category: "wire",
    severity: "error",
    summary: "the operation is answered differently (request-response ↔ message-ack ↔ one-way message)",
    applies: { facts: ["interaction-changed"] },
    message: "{operation}: interaction changed from {from} to {to}",
  },
  "qos-changed": {
    category: "wire",
    severity: "error",
    summary: "the QoS of the operation's first message changed: acknowledgments appear or disappear, a request-response request at QoS 1 is refused",
    applies: { facts: ["qos-changed"] },
    message: "{operation}: QoS changed from {from} to {to}",
  },
  "subscription-qos-raised": {
    category: "wire",
    severity: "error",
    summary: "the subscription QoS was raised: deployed clients subscribe at the old QoS and get messages downgraded, without the acknowledgments the server expects",
    applies: { facts: ["subscription-qos-raised"] },
    message: "{operation}: subscription QoS raised from {from} to {to}; deployed clients subscribe at {from}",
  },
  "subscription-qos-lowered": {
    category: "wire",
    severity: "info",
    summary: "the subscription QoS was lowered: deployed clients ask for more and are granted less",
    applies: { facts: ["subscription-qos-lowered"] },
    message: "{operation}: subscription QoS lowered from {from} to {to}",
  },

  // --- Topics ------------------------------------------------------------------------------------
  "topic-changed": {
    category: "wire",
    severity: "error",
    summary: "a literal topic level changed: deployed clients publish or subscribe to the old topic",
    applies: { facts: ["topic-changed"] },
    message: "{operation}: topic changed from {from} to {to}",
  },
  "topic-parameter-added": {
    category: "wire",
    severity: "error",
    summary: "a topic gained a parameter level: the old topic no longer matches",
    applies: { facts: ["topic-parameter-added"] },
    message: "{operation}: topic gains parameter {parameter} ({from} → {to})",
  },
  "topic-parameter-removed": {
    category: "wire",
    severity: "error",
    summary: "a topic lost a parameter level: the old topic no longer matches",
    applies: { facts: ["topic-parameter-removed"] },
    message: "{operation}: topic loses parameter {parameter} ({from} → {to})",
    removal: true,
  },
  "topic-parameter-renamed": {
    category: "typescript",
    severity: "error",
    summary: "a topic parameter was renamed at the same level: the wire is unchanged, the generated parameters object changes",
    applies: { facts: ["topic-parameter-renamed"] },
    message: "{operation}: topic parameter {from} renamed to {to}",
  },
  "uplink-topic-parameter-scoped": {
    category: "wire",
    severity: "error",
    summary: "a topic parameter of what the client publishes must now be the client's own id: the server refuses other values deployed clients may send",
    applies: { facts: ["topic-parameter-scoped"], flow: "uplink" },
    message: "{operation}: topic parameter {parameter} must now be the client's own id; the server refuses other values",
  },
  "downlink-topic-parameter-scoped": {
    category: "wire",
    severity: "info",
    summary: "a topic parameter of what the server publishes is now the client's own id: deployed clients subscribed with a wildcard still receive it",
    applies: { facts: ["topic-parameter-scoped"], flow: "downlink" },
    message: "{operation}: topic parameter {parameter} is now the client's own id",
  },
  "uplink-topic-parameter-unscoped": {
    category: "behaviour",
    severity: "warning",
    summary: "a topic parameter of what the client publishes is no longer checked against the client's id: a client may now publish for another",
    applies: { facts: ["topic-parameter-unscoped"], flow: "uplink" },
    message: "{operation}: topic parameter {parameter} is no longer the client's own id; the server stops checking it",
  },
  "downlink-topic-parameter-unscoped": {
    category: "wire",
    severity: "error",
    summary: "a topic parameter of what the server publishes is no longer the client's own id: deployed clients subscribe to their own id only and miss the rest",
    applies: { facts: ["topic-parameter-unscoped"], flow: "downlink" },
    message: "{operation}: topic parameter {parameter} is no longer the client's own id; deployed clients subscribe to their own only",
  },

  "uplink-topic-parameter-type-changed": {
    category: "wire",
    severity: "error",
    summary: "a topic parameter of what the client publishes changed to a type that refuses some values deployed clients send (narrowed or incompatible)",
    applies: { facts: ["topic-parameter-type-narrowed", "topic-parameter-type-incompatible"], flow: "uplink" },
    message: "{operation}: topic parameter {parameter} changed type from {from} to {to}; the server refuses some topics deployed clients publish to",
  },
  "uplink-topic-parameter-type-widened": {
    category: "typescript",
    severity: "error",
    summary: "a topic parameter of what the client publishes was widened: the wire stays compatible, the TypeScript type client code passes changes",
    applies: { facts: ["topic-parameter-type-widened"], flow: "uplink" },
    message: "{operation}: topic parameter {parameter} widened from {from} to {to}; its TypeScript type changes",
  },
  "downlink-topic-parameter-type-changed": {
    category: "wire",
    severity: "error",
    summary: "a topic parameter of what the server publishes changed to a type with values deployed clients refuse (widened or incompatible)",
    applies: { facts: ["topic-parameter-type-widened", "topic-parameter-type-incompatible"], flow: "downlink" },
    message: "{operation}: topic parameter {parameter} changed type from {from} to {to}; deployed clients refuse some topics the server publishes to",
  },
  "downlink-topic-parameter-type-narrowed": {
    category: "typescript",
    severity: "error",
    summary: "a topic parameter of what the server publishes was narrowed: the wire stays compatible, the TypeScript type client code reads changes",
    applies: { facts: ["topic-parameter-type-narrowed"], flow: "downlink" },
    message: "{operation}: topic parameter {parameter} narrowed from {from} to {to}; its TypeScript type changes",
  },
  "topic-parameter-encoding-changed": {
    category: "wire",
    severity: "error",
    summary: "a topic parameter's level text keeps its syntax but changes meaning (a count read as epoch milliseconds, or back)",
    applies: { facts: ["topic-parameter-type-reinterpreted"] },
    message: "{operation}: topic parameter {parameter} changed encoding from {from} to {to}; peers read the same level as a different value",
  },

  // --- Replies and correlation of request-response operations ------------------------------------
  "reply-kind-changed": {
    category: "wire",
    severity: "error",
    summary: "an operation's replies travel another way (the dialect's reply topic, one topic of its own, an accepted/rejected pair): deployed requesters wait in the wrong place",
    applies: { facts: ["reply-kind-changed"] },
    message: "{operation}: replies travel {to} instead of {from}",
  },
  "reply-topic-changed": {
    category: "wire",
    severity: "error",
    summary: "an operation's own reply topic (or its accepted or rejected topic) changed: deployed requesters subscribe to the old one",
    applies: { facts: ["reply-topic-changed"] },
    message: "{operation}: {what} topic changed from {from} to {to}",
  },
  "correlation-changed": {
    category: "wire",
    severity: "error",
    summary: "replies find their requests another way (Correlation Data, a payload field): deployed requesters cannot match the replies",
    applies: { facts: ["correlation-changed"] },
    message: "{operation}: correlation changed from {from} to {to}",
  },
  "failure-payload-changed": {
    category: "wire",
    severity: "error",
    summary: "failures travel in the reply payload differently (added, removed, other code or message field): deployed requesters misread failures",
    applies: { facts: ["failure-payload-changed"] },
    message: "{operation}: failure payload changed from {from} to {to}",
  },

  // --- MQTT properties ---------------------------------------------------------------------------
  "uplink-property-added-required": {
    category: "wire",
    severity: "error",
    summary: "a property the client sends became required by addition: deployed clients do not send it",
    applies: { facts: ["property-added-required"], flow: "uplink" },
    message: "{message}: new required property {property}; deployed clients do not send it",
  },
  "uplink-property-added-optional": {
    category: "wire",
    severity: "info",
    summary: "new optional property the client may send",
    applies: { facts: ["property-added-optional"], flow: "uplink" },
    message: "{message}: new optional property {property}",
  },
  "uplink-property-removed": {
    category: "wire",
    severity: "error",
    summary: "a property the client sends was removed and the server refuses undeclared properties (IoT Hub: 0100): deployed clients that send it fail",
    applies: { facts: ["property-removed-required", "property-removed-optional"], flow: "uplink", if: "receiver-refuses-undeclared" },
    message: "{message}: property {property} removed; the server refuses it as undeclared, and deployed clients send it",
    removal: true,
  },
  "uplink-property-removed-tolerated": {
    category: "typescript",
    severity: "error",
    summary: "a property the client sends was removed; the server ignores it, but client code passing it stops compiling",
    applies: { facts: ["property-removed-required", "property-removed-optional"], flow: "uplink", unless: "receiver-refuses-undeclared" },
    message: "{message}: property {property} removed; client code that passes it stops compiling",
    removal: true,
  },
  "uplink-property-made-required": {
    category: "wire",
    severity: "error",
    summary: "an optional property the client sends became required: deployed clients may omit it",
    applies: { facts: ["property-made-required"], flow: "uplink" },
    message: "{message}: property {property} is now required; deployed clients may omit it",
  },
  "uplink-property-made-optional": {
    category: "typescript",
    severity: "warning",
    summary: "a required property the client sends became optional: server code now reads a possibly undefined value",
    applies: { facts: ["property-made-optional"], flow: "uplink" },
    message: "{message}: property {property} is now optional; server code must handle its absence",
  },
  "uplink-property-type-changed": {
    category: "wire",
    severity: "error",
    summary: "a property the client sends changed to a type that refuses some values deployed clients send (narrowed or incompatible)",
    applies: { facts: ["property-type-narrowed", "property-type-incompatible"], flow: "uplink" },
    message: "{message}: property {property} changed type from {from} to {to}; the server refuses some values deployed clients send",
  },
  "uplink-property-type-widened": {
    category: "typescript",
    severity: "error",
    summary: "a property the client sends was widened: the wire stays compatible, the TypeScript type client code passes changes",
    applies: { facts: ["property-type-widened"], flow: "uplink" },
    message: "{message}: property {property} widened from {from} to {to}; its TypeScript type changes",
  },
  "downlink-property-added-required": {
    category: "typescript",
    severity: "warning",
    summary: "new required property the server sends: deployed clients ignore it, server code must now supply it",
    applies: { facts: ["property-added-required"], flow: "downlink", unless: "receiver-refuses-undeclared" },
    message: "{message}: new required property {property}; server code must supply it",
  },
  "downlink-property-added-optional": {
    category: "wire",
    severity: "info",
    summary: "new optional property the server sends: deployed clients ignore undeclared properties",
    applies: { facts: ["property-added-optional"], flow: "downlink", unless: "receiver-refuses-undeclared" },
    message: "{message}: new optional property {property}",
  },
  "downlink-property-added-refused": {
    category: "wire",
    severity: "error",
    summary: "new property the server sends, in a dialect whose clients refuse undeclared properties",
    applies: { facts: ["property-added-required", "property-added-optional"], flow: "downlink", if: "receiver-refuses-undeclared" },
    message: "{message}: new property {property}; deployed clients refuse it as undeclared",
  },
  "downlink-property-removed": {
    category: "wire",
    severity: "error",
    summary: "a required property the server sends was removed: deployed clients require it",
    applies: { facts: ["property-removed-required"], flow: "downlink" },
    message: "{message}: required property {property} removed; deployed clients require it",
    removal: true,
  },
  "downlink-optional-property-removed": {
    category: "typescript",
    severity: "error",
    summary: "an optional property the server sends was removed: client code reading it stops compiling",
    applies: { facts: ["property-removed-optional"], flow: "downlink" },
    message: "{message}: optional property {property} removed; client code reading it stops compiling",
    removal: true,
  },
  "downlink-property-made-required": {
    category: "typescript",
    severity: "warning",
    summary: "an optional property the server sends became required: server code must always supply it",
    applies: { facts: ["property-made-required"], flow: "downlink" },
    message: "{message}: property {property} is now required; server code must always supply it",
  },
  "downlink-property-made-optional": {
    category: "wire",
    severity: "error",
    summary: "a required property the server sends became optional: deployed clients require it",
    applies: { facts: ["property-made-optional"], flow: "downlink" },
    message: "{message}: property {property} is now optional; deployed clients require it",
  },
  "downlink-property-type-changed": {
    category: "wire",
    severity: "error",
    summary: "a property the server sends changed to a type with values deployed clients refuse (widened or incompatible)",
    applies: { facts: ["property-type-widened", "property-type-incompatible"], flow: "downlink" },
    message: "{message}: property {property} changed type from {from} to {to}; deployed clients refuse some values the server sends",
  },
  "downlink-property-type-narrowed": {
    category: "typescript",
    severity: "error",
    summary: "a property the server sends was narrowed: the wire stays compatible, the TypeScript type client code reads changes",
    applies: { facts: ["property-type-narrowed"], flow: "downlink" },
    message: "{message}: property {property} narrowed from {from} to {to}; its TypeScript type changes",
  },
  "property-encoding-changed": {
    category: "wire",
    severity: "error",
    summary: "a property's text on the wire keeps its syntax but changes meaning (a count read as epoch milliseconds, or back)",
    applies: { facts: ["property-type-reinterpreted"] },
    message: "{message}: property {property} changed encoding from {from} to {to}; peers read the same text as a different value",
  },
  "property-kind-changed": {
    category: "wire",
    severity: "error",
    summary: "a property moved between a user property and a first-class MQTT 5 property",
    applies: { facts: ["property-kind-changed"] },
    message: "{message}: {from} is now {to}",
  },

  // --- Payloads ----------------------------------------------------------------------------------
  "uplink-payload-changed": {
    category: "wire",
    severity: "error",
    summary: "the payload the client sends changed to one the server refuses from deployed clients (empty, any bytes, a JSON type)",
    applies: { facts: ["payload-narrowed", "payload-incompatible"], flow: "uplink" },
    message: "{message}: payload changed from {from} to {to}; the server refuses what deployed clients send",
  },
  "uplink-payload-widened": {
    category: "typescript",
    severity: "error",
    summary: "the payload the client sends was widened (to any bytes): the wire stays compatible, client code passes another type",
    applies: { facts: ["payload-widened"], flow: "uplink" },
    message: "{message}: payload widened from {from} to {to}; its TypeScript type changes",
  },
  "downlink-payload-changed": {
    category: "wire",
    severity: "error",
    summary: "the payload the server sends changed to one deployed clients cannot read",
    applies: { facts: ["payload-widened", "payload-incompatible"], flow: "downlink" },
    message: "{message}: payload changed from {from} to {to}; deployed clients cannot read it",
  },
  "downlink-payload-narrowed": {
    category: "typescript",
    severity: "error",
    summary: "the payload the server sends was narrowed (from any bytes): the wire stays compatible, client code reads another type",
    applies: { facts: ["payload-narrowed"], flow: "downlink" },
    message: "{message}: payload narrowed from {from} to {to}; its TypeScript type changes",
  },
  "payload-type-renamed": {
    category: "typescript",
    severity: "warning",
    summary: "a payload names another type with the same schema: the wire is unchanged, code naming the old type stops compiling",
    applies: { facts: ["payload-type-renamed"] },
    message: "{message}: payload type {from} is now {to} (same schema)",
  },

  "payload-type-removed": {
    category: "typescript",
    severity: "error",
    summary: "a payload type was removed (and no new type has its schema): code naming its generated type stops compiling",
    applies: { facts: ["payload-type-removed"] },
    message: "payload type {type} removed; code naming its generated type stops compiling",
    removal: true,
  },

  // --- Fields of payload schemas -----------------------------------------------------------------
  "uplink-field-added-required": {
    category: "wire",
    severity: "error",
    summary: "new required field in a payload the client sends: deployed clients do not send it",
    applies: { facts: ["field-added-required"], flow: "uplink" },
    message: "{type} at {path}: new required field; deployed clients do not send it ({usage})",
  },
  "uplink-field-added-optional": {
    category: "wire",
    severity: "info",
    summary: "new optional field in a payload the client sends",
    applies: { facts: ["field-added-optional"], flow: "uplink" },
    message: "{type} at {path}: new optional field ({usage})",
  },
  "uplink-field-removed": {
    category: "wire",
    severity: "error",
    summary: "a field the client sends was removed and the schema refuses undeclared fields (additionalProperties: false)",
    applies: { facts: ["field-removed-required", "field-removed-optional"], flow: "uplink", if: "receiver-refuses-undeclared" },
    message: "{type} at {path}: field removed; the schema refuses it, and deployed clients send it ({usage})",
    removal: true,
  },
  "uplink-field-removed-tolerated": {
    category: "typescript",
    severity: "error",
    summary: "a field the client sends was removed; the schema allows it, but client code setting it stops compiling",
    applies: { facts: ["field-removed-required", "field-removed-optional"], flow: "uplink", unless: "receiver-refuses-undeclared" },
    message: "{type} at {path}: field removed; client code that sets it stops compiling ({usage})",
    removal: true,
  },
  "uplink-field-made-required": {
    category: "wire",
    severity: "error",
    summary: "an optional field the client sends became required: deployed clients may omit it",
    applies: { facts: ["field-made-required"], flow: "uplink" },
    message: "{type} at {path}: field is now required; deployed clients may omit it ({usage})",
  },
  "uplink-field-made-optional": {
    category: "typescript",
    severity: "warning",
    summary: "a required field the client sends became optional: server code must handle its absence",
    applies: { facts: ["field-made-optional"], flow: "uplink" },
    message: "{type} at {path}: field is now optional; server code must handle its absence ({usage})",
  },
  "uplink-field-narrowed": {
    category: "wire",
    severity: "error",
    summary: "a value the client sends is narrowed or changed incompatibly (type, enum, bounds, pattern, format, closed object)",
    applies: { facts: ["field-narrowed", "field-incompatible"], flow: "uplink" },
    message: "{type} at {path}: {detail}; the server refuses some values deployed clients send ({usage})",
  },
  "uplink-field-widened": {
    category: "wire",
    severity: "info",
    summary: "a value the client sends is widened: deployed clients' values stay valid",
    applies: { facts: ["field-widened"], flow: "uplink" },
    message: "{type} at {path}: {detail} ({usage})",
  },
  "downlink-field-added-required": {
    category: "typescript",
    severity: "warning",
    summary: "new required field in a payload the server sends: deployed clients ignore it, server code must supply it",
    applies: { facts: ["field-added-required"], flow: "downlink", unless: "receiver-refuses-undeclared" },
    message: "{type} at {path}: new required field; server code must supply it ({usage})",
  },
  "downlink-field-added-optional": {
    category: "wire",
    severity: "info",
    summary: "new optional field in a payload the server sends",
    applies: { facts: ["field-added-optional"], flow: "downlink", unless: "receiver-refuses-undeclared" },
    message: "{type} at {path}: new optional field ({usage})",
  },
  "downlink-field-added-refused": {
    category: "wire",
    severity: "error",
    summary: "new field in a payload the server sends whose OLD schema refused undeclared fields (additionalProperties: false)",
    applies: { facts: ["field-added-required", "field-added-optional"], flow: "downlink", if: "receiver-refuses-undeclared" },
    message: "{type} at {path}: new field; deployed clients' schema refuses undeclared fields ({usage})",
  },
  "downlink-field-removed": {
    category: "wire",
    severity: "error",
    summary: "a required field the server sends was removed: deployed clients require it",
    applies: { facts: ["field-removed-required"], flow: "downlink" },
    message: "{type} at {path}: required field removed; deployed clients require it ({usage})",
    removal: true,
  },
  "downlink-optional-field-removed": {
    category: "typescript",
    severity: "error",
    summary: "an optional field the server sends was removed: client code reading it stops compiling",
    applies: { facts: ["field-removed-optional"], flow: "downlink" },
    message: "{type} at {path}: optional field removed; client code reading it stops compiling ({usage})",
    removal: true,
  },
  "downlink-field-made-required": {
    category: "typescript",
    severity: "warning",
    summary: "an optional field the server sends became required: server code must always supply it",
    applies: { facts: ["field-made-required"], flow: "downlink" },
    message: "{type} at {path}: field is now required; server code must always supply it ({usage})",
  },
  "downlink-field-made-optional": {
    category: "wire",
    severity: "error",
    summary: "a required field the server sends became optional: deployed clients require it",
    applies: { facts: ["field-made-optional"], flow: "downlink" },
    message: "{type} at {path}: field is now optional; deployed clients require it ({usage})",
  },
  "downlink-field-widened": {
    category: "wire",
    severity: "error",
    summary: "a value the server sends is widened or changed incompatibly: deployed clients may get values they do not handle",
    applies: { facts: ["field-widened", "field-incompatible"], flow: "downlink" },
    message: "{type} at {path}: {detail}; deployed clients may receive values they do not handle ({usage})",
  },
  "downlink-field-narrowed": {
    category: "wire",
    severity: "info",
    summary: "a value the server sends is narrowed: deployed clients accept every value it may still send",
    applies: { facts: ["field-narrowed"], flow: "downlink" },
    message: "{type} at {path}: {detail} ({usage})",
  },
  "schema-keyword-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "a schema keyword the diff does not classify changed (not, if/then/else, patternProperties, …): check it by hand",
    applies: { facts: ["field-keyword-changed"] },
    message: "{type} at {path}: keyword {detail} changed; mqttgen diff cannot classify it ({usage})",
  },

  // --- Statuses ----------------------------------------------------------------------------------
  "downlink-status-added": {
    category: "behaviour",
    severity: "warning",
    summary: "the server may answer an operation with a status it did not list: deployed clients get a failure they were not told about",
    applies: { facts: ["status-added"], flow: "downlink" },
    message: "{operation}: may now answer {status} {name}",
  },
  "uplink-status-added": {
    category: "wire",
    severity: "info",
    summary: "the client may answer a server-to-client operation with a new status: deployed clients never send it",
    applies: { facts: ["status-added"], flow: "uplink" },
    message: "{operation}: clients may now answer {status} {name}",
  },
  "downlink-status-removed": {
    category: "behaviour",
    severity: "info",
    summary: "the server no longer answers an operation with a status: client code handling it is dead but still compiles",
    applies: { facts: ["status-removed"], flow: "downlink" },
    message: "{operation}: no longer answers {status} {name}",
    removal: true,
  },
  "uplink-status-removed": {
    category: "wire",
    severity: "error",
    summary: "a status the client answers a server-to-client operation with was removed: deployed clients still send it",
    applies: { facts: ["status-removed"], flow: "uplink" },
    message: "{operation}: clients may no longer answer {status} {name}; deployed clients still send it",
    removal: true,
  },
  "status-reason-code-changed": {
    category: "wire",
    severity: "error",
    summary: "an operation pairs a status with another MQTT reason code: peers that read the reason code misread the outcome",
    applies: { facts: ["status-reason-code-changed"] },
    message: "{operation}: status {status} now travels with reason code {to} instead of {from}",
  },
  "catalog-status-added": {
    category: "typescript",
    severity: "info",
    summary: "new status in the catalog: a new enum member and error class",
    applies: { facts: ["catalog-status-added"] },
    message: "catalog: new status {status} {name}",
  },
  "catalog-status-removed": {
    category: "typescript",
    severity: "error",
    summary: "status removed from the catalog: code naming its enum member or error class stops compiling",
    applies: { facts: ["catalog-status-removed"] },
    message: "catalog: status {status} {name} removed",
    removal: true,
  },
  "catalog-status-renamed": {
    category: "typescript",
    severity: "error",
    summary: "a catalog status was renamed (same code): the wire is unchanged, its enum member and error class are renamed",
    applies: { facts: ["catalog-status-renamed"] },
    message: "catalog: status {status} renamed from {from} to {to}",
  },
  "catalog-reason-code-changed": {
    category: "wire",
    severity: "error",
    summary: "a catalog status travels with another MQTT reason code: peers that read the reason code misread the outcome",
    applies: { facts: ["catalog-reason-code-changed"] },
    message: "catalog: status {status} now travels with reason code {to} instead of {from}",
  },

  "catalog-status-success-changed": {
    category: "wire",
    severity: "error",
    summary: "a catalog status (integer or text format, which state their class) moved between success and failure: peers built from OLD's catalog read the outcome the other way",
    applies: { facts: ["catalog-success-changed"] },
    message: "catalog: status {status} is now {to} instead of {from}; deployed peers read the outcome the other way",
  },
  "catalog-status-class-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "a catalog status (integer or text format) moved between client error and server error: the runtime and deployed peers decide retries and duplicate handling by it",
    applies: { facts: ["catalog-class-changed"] },
    message: "catalog: status {status} is now {to} instead of {from}",
  },
  "catalog-status-retryable-changed": {
    category: "behaviour",
    severity: "warning",
    summary: "a catalog status (integer or text format) became retryable or stopped being: deployed peers retry, or give up, as OLD said",
    applies: { facts: ["catalog-retryable-changed"] },
    message: "catalog: status {status} is {to} instead of {from}",
  },

  // --- Prose -------------------------------------------------------------------------------------
  "prose-changed": {
    category: "docs",
    severity: "info",
    summary: "descriptions, summaries, notes, names shown only in docs, front matter or schema annotations changed",
    applies: { facts: ["prose-changed"] },
    message: "{subject}: {what} changed",
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The rules a fact selects in a flow under some conditions; the catalogue test requires exactly one. */
export function rulesFor(fact: Fact, flow: Flow | undefined, conditions: ReadonlySet<Condition>): RuleId[] {
  return RULE_IDS.filter((id) => {
    const applies: RuleApplies = RULES[id].applies;
    return (
      applies.facts.includes(fact) &&
      (applies.flow === undefined || applies.flow === flow) &&
      (applies.if === undefined || conditions.has(applies.if)) &&
      (applies.unless === undefined || !conditions.has(applies.unless))
    );
  });
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
const CATEGORY_RANK: Readonly<Record<Category, number>> = { wire: 4, typescript: 3, behaviour: 2, docs: 1 };

/** Whether a change of `severity` meets the `--fail-on` threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** Orders rules worst first: by severity, then by category (wire before typescript before behaviour before docs). */
export function compareRules(a: RuleId, b: RuleId): number {
  return (
    SEVERITY_RANK[RULES[b].severity] - SEVERITY_RANK[RULES[a].severity] ||
    CATEGORY_RANK[RULES[b].category] - CATEGORY_RANK[RULES[a].category]
  );
}
