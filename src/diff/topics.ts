/**
 * Topics, OLD against NEW. A topic edit is reported once: as renamed parameters when only parameter
 * names moved, as added or removed parameter levels when the literal levels stayed as they were, and
 * otherwise as a changed topic. The API's response topic is compared here too.
 */
import type { DialectRepliesModel, OperationModel, TopicModel } from "../model.js";
import { topicParameterKey } from "../names.js";
import { code } from "./change.js";
import { firstMessageFlow, operationLabel } from "./labels.js";
import { compareProse } from "./prose.js";
import { typeChange } from "./scalars.js";
import type { DiffScope } from "./scope.js";

/** The topic with every parameter level as `{}`: equal skeletons differ at most in parameter names. */
export function topicSkeleton(template: string): string {
  return template
    .split("/")
    .map((level) => (isParameter(level) ? "{}" : level))
    .join("/");
}

export function compareTopics(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const a = before.topic;
  const b = after.topic;
  if (a.template === b.template) return;
  const site = { operation: after.id, old: a.span ?? before.span, new: b.span ?? after.span };
  const label = operationLabel(after);
  if (topicSkeleton(a.template) === topicSkeleton(b.template)) {
    for (const [index, parameter] of b.parameters.entries()) {
      const previous = a.parameters[index];
      if (previous === undefined || previous.name === parameter.name) continue;
      if (topicParameterKey(previous.name) === topicParameterKey(parameter.name)) {
        compareProse(scope, `${label} topic parameter ${code(parameter.name)}`, [["spelling", previous.name, parameter.name]], site);
      } else {
        scope.recorder.report("topic-parameter-renamed", site, { operation: label, from: code(previous.name), to: code(parameter.name) });
      }
    }
    return;
  }
  if (literalLevels(a) === literalLevels(b)) {
    const params = { operation: label, from: code(a.template), to: code(b.template) };
    const names = (topic: TopicModel): string[] => topic.parameters.map((p) => p.name);
    const added = names(b).filter((name) => !names(a).includes(name));
    const removed = names(a).filter((name) => !names(b).includes(name));
    for (const name of added) scope.recorder.report("topic-parameter-added", site, { ...params, parameter: code(name) });
    for (const name of removed) scope.recorder.report("topic-parameter-removed", site, { ...params, parameter: code(name) });
    if (added.length + removed.length > 0) return;
  }
  scope.recorder.report("topic-changed", site, { operation: label, from: code(a.template), to: code(b.template) });
}

/**
 * Parameters kept by name, judged by the flow of the operation's first message (reply topics copy the
 * request's level text, so only the first message reads and writes parameter values):
 * - scope: a `client-id` level is checked against the connection's client id and subscribed to with it
 *   instead of `+`;
 * - type: a level's text is read and written as the parameter's scalar type (`scalars.ts`);
 * - description: prose.
 */
export function compareParameterDeclarations(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const site = { operation: after.id, old: before.topic.span ?? before.span, new: after.topic.span ?? after.span };
  const judgement = { flows: [firstMessageFlow(after)] };
  const label = operationLabel(after);
  for (const parameter of after.topic.parameters) {
    const previous = before.topic.parameters.find((p) => p.name === parameter.name);
    if (previous === undefined) continue;
    const params = { operation: label, parameter: code(parameter.name) };
    if (previous.scope !== parameter.scope) {
      scope.recorder.report(parameter.scope === "client-id" ? "topic-parameter-scoped" : "topic-parameter-unscoped", site, params, judgement);
    }
    if (previous.type !== parameter.type) {
      const fact = `topic-parameter-type-${typeChange(previous.type, parameter.type)}` as const;
      scope.recorder.report(fact, site, { ...params, from: code(previous.type), to: code(parameter.type) }, judgement);
    }
    compareProse(scope, `${label} topic parameter ${code(parameter.name)}`, [["description", previous.description, parameter.description]], site);
  }
}

/** The dialect's reply topic: its shared topic, or every topic under the requester reply prefix. */
export function compareResponseTopics(scope: DiffScope): void {
  const before = dialectReplyTopic(scope.old.dialect.replies);
  const after = dialectReplyTopic(scope.new.dialect.replies);
  if (before === after) return;
  const site = { old: scope.old.dialect.span ?? scope.old.span, new: scope.new.dialect.span ?? scope.new.span };
  scope.recorder.report("response-topic-changed", site, { from: code(before), to: code(after) });
}

function dialectReplyTopic(replies: DialectRepliesModel): string {
  return replies.kind === "shared-topic" ? replies.topic : `${replies.prefix}/#`;
}

function literalLevels(topic: TopicModel): string {
  return topic.template
    .split("/")
    .filter((level) => !isParameter(level))
    .join("/");
}

function isParameter(level: string): boolean {
  return /^\{[^{}]*\}$/.test(level);
}
