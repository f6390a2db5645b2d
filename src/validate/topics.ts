/**
 * Topics (docs/protocol.md#topics, #response-topic-and-subscriptions): every topic some side publishes to, the operations' own, their reply
 * topics and the dialect's shared reply topic or requester reply prefix, must be a topic name (no
 * wildcard, no empty level, parameters whole levels) whose parameters the publisher can fill; and no
 * two topics a receiver dispatches on may match one topic.
 */
import { LIMITS, type DiagnosticCollector } from "../diagnostics.js";
import { CLIENT_ID_PARAMETER, type ApiModel, type OperationModel, type SourceSpan, type TopicModel } from "../model.js";
import { OBJECT_INTERNALS } from "../names.js";

/** What a topic check reports against: whose topic it is, as messages name it, and where it stands. */
interface TopicOwner {
  /** `"Get Thing"`, `the reply of "Get Shadow"`, `the dialect` */
  readonly owner: string;
  readonly at: SourceSpan | undefined;
}

/**
 * Topic names: `/`-separated non-empty levels, no wildcards, `{param}` only as a whole level (docs/protocol.md#topics), no U+0000 and no more than an MQTT 5 string carries (MQTT 5 §1.5.4). An empty topic is the
 * front end's to report. Returns the parameter names when the syntax holds.
 */
function checkTopicName(template: string, { owner, at }: TopicOwner, diagnostics: DiagnosticCollector): string[] | undefined {
  if (template.trim() === "") return undefined;
  const topic = { topic: template, owner };
  const bytes = Buffer.byteLength(template);
  if (bytes > LIMITS.mqttString) {
    diagnostics.report({ code: "topic-too-long", format: { owner, bytes, limit: LIMITS.mqttString }, at });
  }
  const levels = template.split("/");
  if (levels.some((level) => level === "")) {
    diagnostics.report({ code: "topic-syntax", messageId: "empty-level", format: topic, at });
    return undefined;
  }
  const names: string[] = [];
  for (const level of levels) {
    const problem = levelProblem(level);
    if (problem !== undefined) {
      diagnostics.report({ code: "topic-syntax", messageId: problem, format: { ...topic, level }, at });
      return undefined;
    }
    const name = /^\{(.*)\}$/.exec(level)?.[1];
    if (name === undefined) continue;
    if (OBJECT_INTERNALS.has(name)) {
      diagnostics.report({ code: "reserved-identifier", messageId: "object-internal", format: { label: `topic parameter "${name}"` }, at });
    }
    if (names.includes(name)) diagnostics.report({ code: "duplicate-topic-parameter", format: { topic: template, parameter: name }, at });
    names.push(name);
  }
  return names;
}

/** What is wrong with one level of a topic name, if anything: the first problem found. */
function levelProblem(level: string): "wildcard" | "white-space" | "braces" | "parameter" | undefined {
  if (/[+#]/.test(level)) return "wildcard";
  if (/\s/.test(level)) return "white-space";
  const opens = (level.match(/\{/g) ?? []).length;
  if (opens !== (level.match(/\}/g) ?? []).length) return "braces";
  if (opens > 0 && !/^\{[A-Za-z_][A-Za-z0-9_-]*\}$/.test(level)) return "parameter";
  return undefined;
}

/** An operation's own topic: whoever publishes to it fills every parameter; `{clientId}` is the client's own id. */
export function checkTopic(operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const { template, span: at } = operation.topic;
  checkTopicName(template, { owner: `"${operation.name}"`, at }, diagnostics);
  for (const parameter of operation.topic.parameters) {
    if (parameter.name === CLIENT_ID_PARAMETER && parameter.scope !== "client-id") {
      const format = { parameter: parameter.name, operation: operation.name };
      diagnostics.report({ code: "topic-parameter-declaration", messageId: "client-id", format, at });
    }
  }
}

/** An operation's reply topics: the replier fills them from the request's parameters and `{clientId}`. */
export function checkReplyTopics(operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const fillable = new Set([CLIENT_ID_PARAMETER, ...operation.topic.parameters.map((parameter) => parameter.name)]);
  for (const topic of replyTopics(operation)) {
    const names = checkTopicName(topic.template, { owner: `the reply of "${operation.name}"`, at: topic.span }, diagnostics);
    for (const parameter of (names ?? []).filter((name) => !fillable.has(name))) {
      const format = { topic: topic.template, operation: operation.name, parameter };
      diagnostics.report({ code: "unfillable-topic-parameter", format, at: topic.span });
    }
  }
}

/**
 * The dialect's reply topic: every reply travels on a shared topic, so it has no parameter; a requester
 * reply prefix has exactly `{clientId}`, which keeps each requester's replies apart.
 */
export function checkDialectTopics(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const replies = model.dialect.replies;
  const at = model.dialect.span ?? model.span;
  const template = replies.kind === "shared-topic" ? replies.topic : replies.prefix;
  const what = replies.kind === "shared-topic" ? "the dialect's shared replies" : "the dialect's requester replies";
  const names = checkTopicName(template, { owner: what, at }, diagnostics);
  if (names === undefined) return;
  if (replies.kind === "shared-topic") {
    for (const parameter of names) diagnostics.report({ code: "unfillable-topic-parameter", messageId: "shared", format: { topic: template, parameter }, at });
    return;
  }
  for (const parameter of names.filter((name) => name !== CLIENT_ID_PARAMETER)) {
    diagnostics.report({ code: "unfillable-topic-parameter", messageId: "prefix", format: { topic: template, parameter }, at });
  }
  if (!names.includes(CLIENT_ID_PARAMETER)) {
    diagnostics.report({ code: "unfillable-topic-parameter", messageId: "prefix-client-id", format: { topic: template }, at });
  }
}

function replyTopics(operation: OperationModel): TopicModel[] {
  const reply = operation.reply;
  if (reply?.kind === "topic") return [reply.topic];
  if (reply?.kind === "accepted-rejected") return [reply.accepted, reply.rejected];
  return [];
}

/**
 * Receivers dispatch on the topic alone, so no two operations may be able to match one topic, and none may
 * match a reply topic: the dialect's shared topic, anything under the requester reply prefix, or an
 * operation's reply topics. A `{param}` level matches any one level.
 */
export function checkTopicConflicts(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const replies = model.dialect.replies;
  const dialectTopic =
    replies.kind === "shared-topic"
      ? { what: "shared reply topic", topic: replies.topic, prefix: false }
      : { what: "requester reply topics", topic: `${replies.prefix}/#`, prefix: true };
  const operationReplies = model.operations.flatMap((operation) =>
    replyTopics(operation).map((topic) => ({ operation, levels: topicLevels(topic.template), template: topic.template })),
  );
  const dialectTemplate = dialectTopic.prefix ? dialectTopic.topic.slice(0, -2) : dialectTopic.topic;
  const dialectLevels = topicLevels(dialectTemplate);
  // Only topics of as many levels can match the same topic: earlier operations by their level count.
  const earlierByLength = new Map<number, { readonly operation: OperationModel; readonly levels: TopicLevels }[]>();
  for (const operation of model.operations) {
    const topic = operation.topic.template;
    const at = operation.topic.span;
    const levels = topicLevels(topic);
    const sameLength = earlierByLength.get(levels.names.length) ?? [];
    const earlier = sameLength.find((other) => topicsOverlap(other.levels, levels))?.operation;
    const reply = operationReplies.find((candidate) => topicsOverlap(candidate.levels, levels));
    if (earlier !== undefined) {
      diagnostics.report({ code: "topic-conflict", format: { operation: operation.name, other: earlier.name, topic }, at });
    } else if (dialectTemplate !== "" && topicsOverlap(dialectLevels, levels, dialectTopic.prefix)) {
      const format = { operation: operation.name, what: dialectTopic.what, topic: dialectTopic.topic };
      diagnostics.report({ code: "topic-conflict", messageId: "response", format, at });
    } else if (reply !== undefined) {
      const format = { operation: operation.name, topic: reply.template, other: reply.operation.name };
      diagnostics.report({ code: "topic-conflict", messageId: "reply", format, at });
    }
    sameLength.push({ operation, levels });
    earlierByLength.set(levels.names.length, sameLength);
  }
}

/** A topic template split once into its levels, each marked when it is a `{param}` (which matches any one level). */
interface TopicLevels {
  readonly names: readonly string[];
  readonly parameters: readonly boolean[];
}

function topicLevels(template: string): TopicLevels {
  const names = template.split("/");
  return { names, parameters: names.map((level) => /^\{[^{}]+\}$/.test(level)) };
}

/** Whether some topic matches both templates; with `prefix`, `a` matches every topic under it too. */
function topicsOverlap(a: TopicLevels, b: TopicLevels, prefix = false): boolean {
  const lengthsFit = prefix ? b.names.length > a.names.length : a.names.length === b.names.length;
  return lengthsFit && a.names.every((level, i) => level === b.names[i] || a.parameters[i] === true || b.parameters[i] === true);
}
