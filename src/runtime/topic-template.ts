/**
 * A topic template of an API table compiled once: its levels, which of them are typed parameters and which
 * carry the connection's own client id. It fills concrete topics (typed values encoded, client-id levels
 * set to the client id), matches received topics, decodes their parameter levels, and derives a client's
 * SUBSCRIBE filter (`+` for free parameters, the client's own id for client-id ones).
 */
import { CLIENT_ID_TOKEN, type TopicParameterSpec } from "./api-table.js";
import { TopicError } from "./topics.js";
import { decodeValue, encodeValue, ValueError, type ScalarType, type ScalarValues } from "./values.js";

/** A decoded topic parameter value. */
export type TopicParameterValue = ScalarValues[ScalarType];

/** Parameter level values as received: name → level text. */
export type RawTopicParameters = Record<string, string>;

type Level = string | TopicParameterSpec;

const PARAMETER_LEVEL = /^\{([^{}]+)\}$/;
/** What a level may not contain: a separator, a wildcard or NUL (MQTT 5 §4.7). */
const NOT_IN_A_LEVEL = /[/+#\u0000]/;

export class TopicTemplate {
  readonly #levels: readonly Level[];
  readonly #parameters: readonly TopicParameterSpec[];
  /** True when the template has no parameter: it is its own topic. */
  readonly literal: boolean;
  /** True when some level is the connection's client id. */
  readonly hasClientIdLevel: boolean;

  /**
   * `parameters` types the template's `{name}` levels; a `{clientId}` level that names none is the
   * requester's client id (reply topics and the requester prefix use it).
   */
  constructor(
    readonly template: string,
    parameters: readonly TopicParameterSpec[],
  ) {
    this.#levels = template.split("/").map((level): Level => {
      const name = PARAMETER_LEVEL.exec(level)?.[1];
      if (name === undefined) return level;
      const declared = parameters.find((parameter) => parameter.name === name);
      if (declared !== undefined) return declared;
      if (name === CLIENT_ID_TOKEN) return { name, type: "string", scope: "client-id" };
      throw new TopicError(`topic ${template}: parameter {${name}} is not declared`);
    });
    this.#parameters = this.#levels.filter((level): level is TopicParameterSpec => typeof level !== "string");
    this.literal = this.#parameters.length === 0;
    this.hasClientIdLevel = this.#parameters.some((parameter) => parameter.scope === "client-id");
  }

  /** The template's parameters, in level order. */
  get parameters(): readonly TopicParameterSpec[] {
    return this.#parameters;
  }

  /**
   * The concrete topic: client-id levels are `clientId`, every other parameter is encoded from `values`
   * by its type. Throws `TopicError` for a missing value or one that is not a single level.
   */
  fill(values: Readonly<Record<string, unknown>> | undefined, clientId: string): string {
    if (this.literal) return this.template;
    return this.#levels
      .map((level) => {
        if (typeof level === "string") return level;
        if (level.scope === "client-id") return checkedLevel(level.name, clientId);
        return checkedLevel(level.name, encodeLevel(level, values?.[level.name]));
      })
      .join("/");
  }

  /** The concrete topic from level texts as received (a reply topic filled from its request's topic). */
  fillRaw(raw: Readonly<RawTopicParameters>, clientId: string): string {
    if (this.literal) return this.template;
    return this.#levels
      .map((level) => {
        if (typeof level === "string") return level;
        return checkedLevel(
          level.name,
          level.scope === "client-id" && level.name === CLIENT_ID_TOKEN ? clientId : raw[level.name],
        );
      })
      .join("/");
  }

  /** The level texts of `topic` by parameter name when it fits the template, otherwise `undefined`. */
  match(topic: string): RawTopicParameters | undefined {
    if (this.literal) return topic === this.template ? EMPTY : undefined;
    const actual = topic.split("/");
    if (actual.length !== this.#levels.length) return undefined;
    // No prototype: a level's text is never mistaken for, or written into, Object.prototype.
    const raw: RawTopicParameters = Object.create(null) as RawTopicParameters;
    for (let i = 0; i < actual.length; i++) {
      const level = this.#levels[i] as Level;
      const value = actual[i] as string;
      if (typeof level === "string") {
        if (level !== value) return undefined;
      } else {
        if (value === "") return undefined;
        raw[level.name] = value;
      }
    }
    return raw;
  }

  /** The typed values of matched levels; throws `ValueError` for a level that is not of its type. */
  decode(raw: Readonly<RawTopicParameters>): Record<string, TopicParameterValue> {
    if (this.literal) return EMPTY;
    const values: Record<string, TopicParameterValue> = Object.create(null) as Record<string, TopicParameterValue>;
    for (const parameter of this.#parameters) {
      const text = raw[parameter.name] as string;
      try {
        values[parameter.name] = decodeValue(parameter.type, text);
      } catch (error) {
        throw new ValueError(`topic level {${parameter.name}}: ${(error as Error).message}`);
      }
    }
    return values;
  }

  /**
   * The client id the matched client-id levels name, `undefined` when the template has none, and `null`
   * when two client-id levels disagree (a topic no client may use).
   */
  clientIdOf(raw: Readonly<RawTopicParameters>): string | undefined | null {
    let clientId: string | undefined;
    for (const parameter of this.#parameters) {
      if (parameter.scope !== "client-id") continue;
      const value = raw[parameter.name];
      if (clientId !== undefined && value !== clientId) return null;
      clientId = value;
    }
    return clientId;
  }

  /** A client's SUBSCRIBE filter: client-id levels are its own id, other parameters `+`. */
  filterFor(clientId: string): string {
    return this.#filter((parameter) => (parameter.scope === "client-id" ? clientId : "+"));
  }

  /** A filter that matches the template for every client: `+` for every parameter. */
  wildcardFilter(): string {
    return this.#filter(() => "+");
  }

  #filter(levelOf: (parameter: TopicParameterSpec) => string): string {
    if (this.literal) return this.template;
    return this.#levels.map((level) => (typeof level === "string" ? level : levelOf(level))).join("/");
  }
}

const EMPTY: Record<string, never> = Object.freeze(Object.create(null) as Record<string, never>);

function encodeLevel(parameter: TopicParameterSpec, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (parameter.type === "string" && typeof value !== "string") {
    throw new TopicError(`topic parameter ${parameter.name} must be a string, got ${typeof value}`);
  }
  try {
    return encodeValue(parameter.type, value as TopicParameterValue);
  } catch (error) {
    throw new TopicError(`topic parameter ${parameter.name}: ${(error as Error).message}`);
  }
}

function checkedLevel(name: string, text: string | undefined): string {
  if (text === undefined || text === "" || NOT_IN_A_LEVEL.test(text)) {
    throw new TopicError(`topic parameter ${name} must be one non-empty level, got ${JSON.stringify(text)}`);
  }
  return text;
}
