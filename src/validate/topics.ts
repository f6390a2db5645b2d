/** Topic names (PROTOCOL.md C12–C13). */
import { LIMITS, type DiagnosticCollector } from "../diagnostics.js";
import type { ApiModel, OperationModel } from "../model.js";

/**
 * Topic names: `/`-separated non-empty levels, no wildcards, `{param}` only as a whole level (PROTOCOL.md
 * C12–C13), no U+0000 and no more than an MQTT 5 string carries (MQTT 5 §1.5.4). An empty topic is the
 * front end's to report.
 */
export function checkTopic(operation: OperationModel, diagnostics: DiagnosticCollector): void {
  const { template, span: at } = operation.topic;
  if (template.trim() === "") return;
  const topic = { topic: template, operation: operation.name };
  const bytes = Buffer.byteLength(template);
  if (bytes > LIMITS.mqttString) {
    diagnostics.report({ code: "topic-too-long", format: { operation: operation.name, bytes, limit: LIMITS.mqttString }, at });
  }
  const levels = template.split("/");
  if (levels.some((level) => level === "")) return diagnostics.report({ code: "topic-syntax", messageId: "empty-level", format: topic, at });
  const names = new Set<string>();
  for (const level of levels) {
    const format = { ...topic, level };
    if (/[+#]/.test(level)) return diagnostics.report({ code: "topic-syntax", messageId: "wildcard", format, at });
    if (/\s/.test(level)) return diagnostics.report({ code: "topic-syntax", messageId: "white-space", format, at });
    const opens = (level.match(/\{/g) ?? []).length;
    const closes = (level.match(/\}/g) ?? []).length;
    if (opens !== closes) return diagnostics.report({ code: "topic-syntax", messageId: "braces", format, at });
    if (opens === 0) continue;
    const name = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(level)?.[1];
    if (name === undefined) return diagnostics.report({ code: "topic-syntax", messageId: "parameter", format, at });
    if (name === "__proto__" || name === "constructor" || name === "prototype") {
      diagnostics.report({ code: "reserved-identifier", messageId: "object-internal", format: { scope: "topic parameter", name }, at });
    }
    if (names.has(name)) diagnostics.report({ code: "duplicate-topic-parameter", format: { topic: template, parameter: name }, at });
    names.add(name);
  }
}

/** The response topic is a topic too: no more than an MQTT 5 string carries. */
export function checkResponseTopic(model: ApiModel, diagnostics: DiagnosticCollector): void {
  const bytes = Buffer.byteLength(model.responseTopic);
  if (bytes > LIMITS.mqttString) {
    diagnostics.report({ code: "topic-too-long", messageId: "response", format: { bytes, limit: LIMITS.mqttString }, at: model.span });
  }
}

/**
 * Receivers dispatch on the topic alone, so no two operations may be able to match one topic, and none may
 * match the response topic. A `{param}` level matches any one level.
 */
export function checkTopicConflicts(model: ApiModel, diagnostics: DiagnosticCollector): void {
  model.operations.forEach((operation, index) => {
    const topic = operation.topic.template;
    const at = operation.topic.span;
    const earlier = model.operations.slice(0, index).find((other) => topicsOverlap(other.topic.template, topic));
    if (earlier !== undefined) {
      diagnostics.report({ code: "topic-conflict", format: { operation: operation.name, other: earlier.name, topic }, at });
    } else if (model.responseTopic !== "" && topicsOverlap(model.responseTopic, topic)) {
      diagnostics.report({ code: "topic-conflict", messageId: "response", format: { operation: operation.name, topic: model.responseTopic }, at });
    }
  });
}

function topicsOverlap(a: string, b: string): boolean {
  const left = a.split("/");
  const right = b.split("/");
  const isParameter = (level: string) => /^\{[^{}]+\}$/.test(level);
  return left.length === right.length && left.every((level, i) => level === right[i] || isParameter(level) || isParameter(right[i] ?? ""));
}
