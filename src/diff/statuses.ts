/**
 * Statuses: the alternatives an operation lists (who sends them decides the flow) and the response
 * catalog, keyed by status code so that a rename stays a rename (buf: enum values by number).
 */
import type { ApiModel, CatalogResponseModel, OperationModel } from "../model.js";
import { statusMemberName } from "../names.js";
import { code, type Site } from "./change.js";
import { operationLabel, senderFlow } from "./labels.js";
import { compareMessages } from "./messages.js";
import { compareProse } from "./prose.js";
import type { Flow } from "./rules.js";
import type { DiffScope } from "./scope.js";

export function compareAlternatives(scope: DiffScope, before: OperationModel, after: OperationModel): void {
  const label = operationLabel(after);
  for (const alternative of after.alternatives) {
    const previous = before.alternatives.find((a) => a.status === alternative.status);
    const params = { operation: label, status: code(alternative.status), name: code(alternative.name) };
    const site = { operation: after.id, new: alternative.span, ...(previous ? { old: previous.span } : {}) };
    if (previous === undefined) {
      scope.recorder.report("status-added", site, params, { flows: [senderFlow(alternative.sender)] });
      continue;
    }
    if (previous.reasonCode !== alternative.reasonCode && !followsCatalog(scope, alternative.status, previous.reasonCode, alternative.reasonCode)) {
      scope.recorder.report("status-reason-code-changed", site, { ...params, from: code(previous.reasonCode), to: code(alternative.reasonCode) });
    }
    compareProse(
      scope,
      `${label} status ${code(alternative.status)}`,
      [
        ["name", previous.name, alternative.name],
        ["description", previous.description, alternative.description],
      ],
      site,
    );
  }
  for (const previous of before.alternatives.filter((a) => !after.alternatives.some((b) => b.status === a.status))) {
    const site = { operation: after.id, old: previous.span, new: after.span };
    const params = { operation: label, status: code(previous.status), name: code(previous.name) };
    scope.recorder.report("status-removed", site, params, { flows: [senderFlow(previous.sender)] });
  }
}

/** An alternative whose reason code moved with its catalog entry's: the catalog change reports it. */
function followsCatalog(scope: DiffScope, status: string, before: number, after: number): boolean {
  const was = scope.old.responses.find((r) => r.status === status)?.reasonCode;
  const is = scope.new.responses.find((r) => r.status === status)?.reasonCode;
  return was !== is && was === before && is === after;
}

export function compareCatalog(scope: DiffScope): void {
  for (const entry of scope.new.responses) {
    const previous = scope.old.responses.find((r) => r.status === entry.status);
    const status = code(entry.status);
    const site = { new: entry.span, ...(previous ? { old: previous.span } : {}) };
    if (previous === undefined) {
      scope.recorder.report("catalog-status-added", site, { status, name: code(entry.name) });
      continue;
    }
    if (statusMemberName(previous) !== statusMemberName(entry)) {
      scope.recorder.report("catalog-status-renamed", site, { status, from: code(previous.name), to: code(entry.name) });
    } else {
      compareProse(scope, `catalog status ${status}`, [["name", previous.name, entry.name]], site);
    }
    if (previous.reasonCode !== entry.reasonCode) {
      scope.recorder.report("catalog-reason-code-changed", site, { status, from: code(previous.reasonCode), to: code(entry.reasonCode) });
    }
    compareTraits(scope, site, status, previous, entry);
    const label = `catalog status ${status} ${code(entry.name)}`;
    compareMessages(scope, { label, flows: catalogFlows(scope.new, entry.status), old: previous, new: entry });
  }
  for (const previous of scope.old.responses.filter((r) => !scope.new.responses.some((e) => e.status === r.status))) {
    scope.recorder.report("catalog-status-removed", { old: previous.span, new: scope.new.span }, { status: code(previous.status), name: code(previous.name) });
  }
}

/**
 * Class and retryability of a status kept by code. A `hex16` status carries both in its bits, so they
 * change only for `integer` and `text` statuses, whose peers take them from their own catalog.
 */
function compareTraits(scope: DiffScope, site: Site, status: string, before: CatalogResponseModel, after: CatalogResponseModel): void {
  if (before.statusClass !== after.statusClass) {
    const fact = before.statusClass === "success" || after.statusClass === "success" ? "catalog-success-changed" : "catalog-class-changed";
    scope.recorder.report(fact, site, { status, from: code(before.statusClass), to: code(after.statusClass) });
  }
  if (before.retryable !== after.retryable) {
    const retryable = (value: boolean): string => (value ? "retryable" : "not retryable");
    scope.recorder.report("catalog-retryable-changed", site, { status, from: retryable(before.retryable), to: retryable(after.retryable) });
  }
}

/** Who answers with a catalog status: the senders of every alternative that lists it; the server when none does. */
export function catalogFlows(model: ApiModel, status: string): Flow[] {
  const flows = new Set<Flow>();
  for (const operation of model.operations) {
    for (const alternative of operation.alternatives) if (alternative.status === status) flows.add(senderFlow(alternative.sender));
  }
  return flows.size === 0 ? ["downlink"] : [...flows].sort();
}
