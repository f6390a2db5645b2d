/**
 * Operations, OLD against NEW: paired by id, then an unpaired NEW operation with the topic (up to
 * parameter names), direction and interaction of an unpaired OLD one is that operation renamed, not one
 * removed and one added. Each pair is compared area by area; once the direction changed, nothing else of
 * the operation is compared, since every message of it swapped sides.
 */
import type { OperationModel } from "../model.js";
import { code } from "./change.js";
import { answerLabel, firstMessageFlow, firstMessageLabel, operationLabel, senderFlow } from "./labels.js";
import { compareMessages } from "./messages.js";
import { compareProse, notesText } from "./prose.js";
import type { DiffScope } from "./scope.js";
import { compareAlternatives } from "./statuses.js";
import { compareReplies } from "./replies.js";
import { compareParameterDeclarations, compareTopics, topicSkeleton } from "./topics.js";

export function compareOperations(scope: DiffScope): void {
  const pairs = pairOperations(scope.old.operations, scope.new.operations);
  for (const operation of scope.new.operations) {
    const previous = pairs.get(operation);
    if (previous !== undefined) {
      compareOperation(scope, previous, operation);
      continue;
    }
    const params = { operation: operationLabel(operation), topic: code(operation.topic.template) };
    scope.recorder.report("operation-added", { operation: operation.id, new: operation.span }, params, { flows: [firstMessageFlow(operation)] });
  }
  const kept = new Set(pairs.values());
  for (const previous of scope.old.operations.filter((o) => !kept.has(o))) {
    const params = { operation: operationLabel(previous), topic: code(previous.topic.template) };
    scope.recorder.report("operation-removed", { operation: previous.id, old: previous.span, new: scope.new.span }, params);
  }
}

/** NEW operation → the OLD operation it continues. */
function pairOperations(before: readonly OperationModel[], after: readonly OperationModel[]): Map<OperationModel, OperationModel> {
  const pairs = new Map<OperationModel, OperationModel>();
  const unpaired = new Set(before);
  const take = (operation: OperationModel, match: (o: OperationModel) => boolean): void => {
    const found = [...unpaired].find(match);
    if (found === undefined) return;
    pairs.set(operation, found);
    unpaired.delete(found);
  };
  for (const operation of after) take(operation, (o) => o.id === operation.id);
  const shape = (o: OperationModel): string => `${o.direction} ${o.interaction} ${topicSkeleton(o.topic.template)}`;
  for (const operation of after.filter((o) => !pairs.has(o))) take(operation, (o) => shape(o) === shape(operation));
  return pairs;
}

function compareOperation(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const site = { operation: after.id, old: before.span, new: after.span };
  const label = operationLabel(after);
  if (before.id !== after.id) {
    scope.recorder.report("operation-renamed", site, { operation: label, from: code(before.name) });
  }
  const prose = before.id === after.id ? ([["name", before.name, after.name]] as const) : [];
  const fields = [["summary", before.summary, after.summary], ["notes", notesText(before.notes), notesText(after.notes)], ["docs group", before.group ?? "", after.group ?? ""]] as const;
  compareProse(scope, label, [...prose, ...fields], site);
  if (before.direction !== after.direction) {
    scope.recorder.report("direction-changed", site, { operation: label, from: code(before.direction), to: code(after.direction) });
    return;
  }
  compareTopics(scope, before, after);
  compareParameterDeclarations(scope, before, after);
  compareQos(scope, before, after);
  compareMessages(scope, { label: firstMessageLabel(after), operation: after.id, flows: [firstMessageFlow(after)], old: before.request, new: after.request });
  if (before.interaction !== after.interaction) {
    // The answer works differently now; comparing its parts would report the one change many times.
    scope.recorder.report("interaction-changed", site, { operation: label, from: code(before.interaction), to: code(after.interaction) });
    return;
  }
  if (before.success !== undefined && after.success !== undefined) {
    const flows = [senderFlow(after.success.sender)];
    compareMessages(scope, { label: answerLabel(after), operation: after.id, flows, old: before.success, new: after.success });
  }
  compareAlternatives(scope, before, after);
  compareReplies(scope, before, after);
}

/** The first message's QoS; for server-to-client operations, otherwise the subscription's. */
function compareQos(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const site = { operation: after.id, old: before.span, new: after.span };
  const label = operationLabel(after);
  if (before.qos !== after.qos) {
    scope.recorder.report("qos-changed", site, { operation: label, from: code(before.qos), to: code(after.qos) });
    return;
  }
  const was = before.subscription?.qos;
  const is = after.subscription?.qos;
  if (was === undefined || is === undefined || was === is) return;
  scope.recorder.report(is > was ? "subscription-qos-raised" : "subscription-qos-lowered", site, { operation: label, from: code(was), to: code(is) });
}
