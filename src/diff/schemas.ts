/**
 * Payload types, OLD against NEW: each type's JSON Schema is walked once (`schema-walk.ts`) and every
 * finding judged by the flows the type travels in. A type shared by what clients send and what the server
 * sends is reported once, under the worse of the two rules; a type used only through another type's `$ref`
 * travels wherever that type does.
 */
import type { ApiModel, PayloadModel } from "../model.js";
import { code, type Judgement } from "./change.js";
import { sameJson } from "./json.js";
import { compareProse } from "./prose.js";
import { answerLabel, firstMessageFlow, firstMessageLabel, senderFlow } from "./labels.js";
import type { Flow } from "./rules.js";
import { compareSchemas } from "./schema-walk.js";
import { catalogFlows } from "./statuses.js";
import type { DiffScope } from "./scope.js";

interface Usage {
  readonly flows: Set<Flow>;
  /** Labels of the messages that carry the type (`` `Get Twin` response ``). */
  readonly users: string[];
  /** Operation ids among the users. */
  readonly operations: Set<string>;
}

export function comparePayloadTypes(scope: DiffScope): void {
  const usage = payloadUsage(scope.new);
  for (const type of scope.new.payloadTypes) {
    const previous = scope.old.payloadTypes.find((t) => t.name === type.name);
    if (previous === undefined) continue;
    const used = usage.get(type.name);
    const operation = used?.operations.size === 1 ? [...used.operations][0] : undefined;
    const site = { operation, old: previous.span, new: type.span };
    const subject = code(type.name);
    compareProse(scope, `payload type ${subject}`, [["description", previous.description, type.description]], site);
    const flows: Flow[] = used === undefined || used.flows.size === 0 ? ["uplink", "downlink"] : [...used.flows].sort();
    const usageText = used === undefined || used.users.length === 0 ? "used by no message" : `used by ${used.users.join(", ")}`;
    for (const finding of compareSchemas(previous.schema, type.schema)) {
      const path = code(finding.path === "" ? "/" : finding.path);
      if (finding.fact === "prose-changed") {
        scope.recorder.report("prose-changed", site, { subject: `${subject} at ${path}`, what: `schema ${finding.detail}` });
        continue;
      }
      const judgement: Judgement = {
        flows,
        // The receiver of what a client sends validates against NEW; a deployed client, against OLD.
        conditions: (flow) => ((flow === "uplink" ? finding.closed.new : finding.closed.old) ? ["receiver-refuses-undeclared"] : []),
      };
      scope.recorder.report(finding.fact, site, { type: subject, path, detail: finding.detail, usage: usageText }, judgement);
    }
  }
  compareRemovedTypes(scope);
}

/**
 * A payload type gone from NEW takes its generated type with it. A new type with the same schema is the
 * same type renamed: the messages that carry it report `payload-type-renamed`.
 */
function compareRemovedTypes(scope: DiffScope): void {
  const added = scope.new.payloadTypes.filter((type) => !scope.old.payloadTypes.some((t) => t.name === type.name));
  for (const previous of scope.old.payloadTypes) {
    if (scope.new.payloadTypes.some((t) => t.name === previous.name) || added.some((type) => sameJson(type.schema, previous.schema))) continue;
    scope.recorder.report("payload-type-removed", { old: previous.span, new: scope.new.span }, { type: code(previous.name) });
  }
}

/** Which flows each payload type travels in, and in which messages, including through `$ref`. */
function payloadUsage(model: ApiModel): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  const use = (payload: PayloadModel, flow: Flow, label: string, operation?: string): void => {
    if (payload.kind !== "named") return;
    const entry = usage.get(payload.type) ?? { flows: new Set<Flow>(), users: [], operations: new Set<string>() };
    entry.flows.add(flow);
    entry.users.push(label);
    if (operation !== undefined) entry.operations.add(operation);
    usage.set(payload.type, entry);
  };
  for (const operation of model.operations) {
    use(operation.request.payload, firstMessageFlow(operation), firstMessageLabel(operation), operation.id);
    if (operation.success !== undefined) {
      use(operation.success.payload, senderFlow(operation.success.sender), answerLabel(operation), operation.id);
    }
  }
  for (const response of model.responses) {
    for (const flow of catalogFlows(model, response.status)) use(response.payload, flow, `status ${code(response.status)}`);
  }
  propagateThroughRefs(model, usage);
  return usage;
}

/** A type referenced by another travels wherever the referring type does, until nothing changes. */
function propagateThroughRefs(model: ApiModel, usage: Map<string, Usage>): void {
  const refs = new Map(model.payloadTypes.map((type) => [type.name, referencedTypes(type.schema)]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, targets] of refs) {
      const from = usage.get(name);
      if (from === undefined) continue;
      for (const target of targets) {
        const to = usage.get(target) ?? { flows: new Set<Flow>(), users: [], operations: new Set<string>() };
        usage.set(target, to);
        const size = to.flows.size + to.operations.size + to.users.length;
        for (const flow of from.flows) to.flows.add(flow);
        for (const operation of from.operations) to.operations.add(operation);
        if (!to.users.includes(code(name))) to.users.push(code(name));
        changed ||= to.flows.size + to.operations.size + to.users.length !== size;
      }
    }
  }
}

function referencedTypes(schema: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) found.add(value.slice("#/$defs/".length));
        else visit(value);
      }
    }
  };
  visit(schema);
  return found;
}
