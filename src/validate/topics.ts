/** Topic names (PROTOCOL.md C12–C13). */
import type { ApiModel, OperationModel } from "../model.js";
import type { Report } from "./report.js";

/** Topic names: `/`-separated non-empty levels, no wildcards, `{param}` only as a whole level (PROTOCOL.md C12–C13). */
export function checkTopic(operation: OperationModel, report: Report): void {
  const { template, span } = operation.topic;
  const fail = (what: string) => report("topic-syntax", `topic ${JSON.stringify(template)} of ${operation.name}: ${what}`, span);
  if (template.trim() === "") {
    report("missing-topic", `${operation.name} has an empty topic name`, span);
    return;
  }
  const levels = template.split("/");
  if (levels.some((level) => level === "")) return fail("empty topic level");
  const names = new Set<string>();
  for (const level of levels) {
    if (/[+#]/.test(level)) return fail(`wildcard in level ${JSON.stringify(level)}`);
    if (/\s/.test(level)) return fail(`white space in level ${JSON.stringify(level)}`);
    const opens = (level.match(/\{/g) ?? []).length;
    const closes = (level.match(/\}/g) ?? []).length;
    if (opens !== closes) return fail(`unbalanced braces in level ${JSON.stringify(level)}`);
    if (opens === 0) continue;
    const name = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(level)?.[1];
    if (name === undefined) return fail(`a parameter must fill a whole level as {name}, got ${JSON.stringify(level)}`);
    if (name === "__proto__" || name === "constructor" || name === "prototype") {
      report("reserved-identifier", `topic parameter {${name}} names a JavaScript object internal`, span);
    }
    if (names.has(name)) {
      report("duplicate-topic-parameter", `topic ${JSON.stringify(template)} names {${name}} twice`, span);
    }
    names.add(name);
  }
}

/**
 * Receivers dispatch on the topic alone, so no two operations may be able to match one topic, and none may
 * match the response topic. A `{param}` level matches any one level.
 */
export function checkTopicConflicts(model: ApiModel, report: Report): void {
  model.operations.forEach((operation, index) => {
    const earlier = model.operations.slice(0, index).find((other) => topicsOverlap(other.topic.template, operation.topic.template));
    if (earlier !== undefined) {
      report("topic-conflict", `${operation.name} and ${earlier.name} can both match topic ${JSON.stringify(operation.topic.template)}`, operation.topic.span);
    } else if (model.responseTopic !== "" && topicsOverlap(model.responseTopic, operation.topic.template)) {
      report("topic-conflict", `${operation.name} can match the response topic ${JSON.stringify(model.responseTopic)}`, operation.topic.span);
    }
  });
}

function topicsOverlap(a: string, b: string): boolean {
  const left = a.split("/");
  const right = b.split("/");
  const isParameter = (level: string) => /^\{[^{}]+\}$/.test(level);
  return left.length === right.length && left.every((level, i) => level === right[i] || isParameter(level) || isParameter(right[i] ?? ""));
}
