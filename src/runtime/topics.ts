/**
 * Topic templates such as `$iothub/methods/{name}`: filling them, matching received topics against them
 * and deriving subscription filters (docs/protocol.md#topics, #response-topic-and-subscriptions, #reading-the-reference). Topics are case-sensitive and matched
 * level by level; a `{param}` stands for exactly one non-empty level.
 */
import { brandAcrossCopies } from "./brand.js";

const PARAMETER = /^\{([^{}]+)\}$/;

/** Replaces each `{param}` level with `+`: `$iothub/methods/{name}` → `$iothub/methods/+`. */
export function subscriptionFilter(template: string): string {
  return template
    .split("/")
    .map((level) => (PARAMETER.test(level) ? "+" : level))
    .join("/");
}

export class TopicError extends Error {
  static {
    brandAcrossCopies(this, "TopicError");
  }
  override readonly name = "TopicError";
}

/** Builds a concrete topic; parameter values must be one non-empty level without wildcards. */
export function fillTopic(template: string, parameters: Readonly<Record<string, string>>): string {
  return template
    .split("/")
    .map((level) => {
      const name = PARAMETER.exec(level)?.[1];
      if (name === undefined) return level;
      const value = parameters[name];
      if (value === undefined || value === "" || /[/+#\u0000]/.test(value)) {
        throw new TopicError(`topic parameter ${name} must be one non-empty level, got ${JSON.stringify(value)}`);
      }
      return value;
    })
    .join("/");
}

/** The parameters of `topic` if it matches `template`, otherwise `undefined`. */
export function matchTopic(template: string, topic: string): Record<string, string> | undefined {
  const expected = template.split("/");
  const actual = topic.split("/");
  if (expected.length !== actual.length) return undefined;
  // No prototype: a parameter value is never mistaken for, or written into, Object.prototype.
  const parameters: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < expected.length; i++) {
    const level = expected[i] as string;
    const value = actual[i] as string;
    const name = PARAMETER.exec(level)?.[1];
    if (name === undefined) {
      if (level !== value) return undefined;
    } else {
      if (value === "") return undefined;
      parameters[name] = value;
    }
  }
  return parameters;
}

/** MQTT 5 §4.7 filter matching for `+` and `#`, used for received PUBLISHes and server-side subscriptions. */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const filterLevels = filter.split("/");
  const topicLevels = topic.split("/");
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    if (level === "#") return true;
    if (i >= topicLevels.length) return false;
    if (level !== "+" && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}
