/**
 * The dialect's conventions, OLD against NEW, beyond its reply topic (`topics.ts`): the preset named,
 * how statuses are written and which user properties carry outcomes, which undeclared user properties
 * the server refuses, the statuses the runtime answers its own conditions with, how QoS 1 messages
 * are keyed for duplicate suppression, and how long Correlation Data may be.
 */
import { RUNTIME_CONDITIONS, type DialectModel, type MessageKeyModel, type OutcomeConventionModel } from "../model.js";
import { code, codeOrNone, type Site } from "./change.js";
import type { DiffScope } from "./scope.js";

const OUTCOME_PROPERTIES = [
  ["status", "statusProperty"],
  ["reason", "reasonProperty"],
  ["trace", "traceProperty"],
] as const satisfies readonly (readonly [string, keyof OutcomeConventionModel])[];

export function compareConventions(scope: DiffScope): void {
  const a = scope.old.dialect;
  const b = scope.new.dialect;
  const site: Site = { old: a.span ?? scope.old.span, new: b.span ?? scope.new.span };
  const report = scope.recorder.report.bind(scope.recorder);
  if (a.name !== b.name) report("dialect-changed", site, { from: code(a.name), to: code(b.name) });
  if (a.statusFormat !== b.statusFormat) report("status-format-changed", site, { from: code(a.statusFormat), to: code(b.statusFormat) });
  for (const [what, field] of OUTCOME_PROPERTIES) {
    const [was, is] = [a.outcome[field], b.outcome[field]];
    if (was !== is) report("outcome-property-changed", site, { what, from: codeOrNone(was), to: codeOrNone(is) });
  }
  const policy = undeclaredChange(a, b);
  if (policy !== undefined) report(`undeclared-properties-${policy}`, site, { from: describeUndeclared(a), to: describeUndeclared(b) });
  for (const condition of RUNTIME_CONDITIONS) {
    const [was, is] = [a.runtimeStatuses[condition], b.runtimeStatuses[condition]];
    if (was !== is) report("runtime-status-changed", site, { condition: code(condition), from: codeOrNone(was), to: codeOrNone(is) });
  }
  compareMessageKeys(scope, site, a.messageKey, b.messageKey);
  const [was, is] = [a.correlation.maxBytes ?? Infinity, b.correlation.maxBytes ?? Infinity];
  if (was !== is) report(is < was ? "correlation-limit-lowered" : "correlation-limit-raised", site, { from: bytes(a.correlation.maxBytes), to: bytes(b.correlation.maxBytes) });
}

function bytes(maxBytes: number | undefined): string {
  return maxBytes === undefined ? "none" : `${code(maxBytes)} bytes`;
}

function compareMessageKeys(scope: DiffScope, site: Site, before: MessageKeyModel | undefined, after: MessageKeyModel | undefined): void {
  if (describeKey(before) === describeKey(after)) return;
  if (after === undefined) scope.recorder.report("message-key-removed", site, { from: describeKey(before) });
  else scope.recorder.report("message-key-changed", site, { from: describeKey(before), to: describeKey(after) });
}

function describeKey(key: MessageKeyModel | undefined): string {
  if (key === undefined) return "none";
  return key.kind === "correlation-data" ? "Correlation Data" : `user property ${code(key.name)}`;
}

/**
 * Whether NEW's server refuses some undeclared user property OLD's accepted (`tightened`), or only the
 * reverse (`loosened`). A refusing dialect accepts names under its application prefix, none without one.
 */
function undeclaredChange(a: DialectModel, b: DialectModel): "tightened" | "loosened" | undefined {
  if (describeUndeclared(a) === describeUndeclared(b)) return undefined;
  return acceptsSomeTheOtherRefuses(a, b) ? "tightened" : "loosened";
}

function acceptsSomeTheOtherRefuses(a: DialectModel, b: DialectModel): boolean {
  if (a.undeclaredProperties === "refuse" && a.applicationProperties === undefined) return false;
  if (b.undeclaredProperties === "accept") return false;
  if (a.undeclaredProperties === "accept") return true;
  const [was, is] = [a.applicationProperties?.prefix ?? "", b.applicationProperties?.prefix];
  // Every name under OLD's prefix is under NEW's only when NEW's prefix starts OLD's.
  return is === undefined || !was.startsWith(is);
}

function describeUndeclared(dialect: DialectModel): string {
  if (dialect.undeclaredProperties === "accept") return "accepted";
  const prefix = dialect.applicationProperties?.prefix;
  return prefix === undefined ? "refused" : `refused unless prefixed ${code(prefix)}`;
}
