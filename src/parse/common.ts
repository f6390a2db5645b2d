/**
 * Model-building rules shared by every front end, so that the markdown and YAML forms of one API give
 * deep-equal models. Front ends decide what the spec says; these functions decide what it means.
 */
import type { DiagnosticCollector, Result } from "../diagnostics.js";
import {
  FIRST_CLASS_FIELDS,
  type CatalogResponseModel,
  type Direction,
  type FirstClassName,
  type Interaction,
  type OutcomeSender,
  type PayloadModel,
  type PropertyModel,
  type Qos,
  type ScalarType,
  type SourceSpan,
  type StatusFormat,
  type SubscriptionModel,
  type TopicModel,
  type TopicParameterModel,
  type TopicParameterScope,
  type ApiModel,
} from "../model.js";
import { defaultScope, inferredPropertyKind } from "../model-rules.js";
import { canonicalStatus as canonicalStatusOf, decodeStatusBits, formatStatus, parseStatus } from "@mqttgen/runtime";

/** What a front end gives: `value` only when the spec is free of errors. */
export interface ParsedSpec extends Result<ApiModel> {
  /**
   * The model as far as it could be built, also when the spec has errors: nodes that could not be read
   * are left out, so validation can report the remaining problems in the same run. Never emitted.
   */
  readonly model: ApiModel | undefined;
}

export function parsedSpec(model: ApiModel | undefined, diagnostics: DiagnosticCollector): ParsedSpec {
  return { value: diagnostics.hasErrors ? undefined : model, model, diagnostics: diagnostics.diagnostics };
}

export const SCALAR_TYPES: readonly ScalarType[] = ["u32", "u64", "i32", "string", "time"];

/** `Receive Twin Desired State Changes` → `receive-twin-desired-state-changes`. */
export function operationId(name: string): string {
  return name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

/** What a spec declares about a topic parameter; every field but the name has a default. */
export interface TopicParameterDeclaration {
  readonly name: string;
  readonly type: ScalarType;
  readonly scope: TopicParameterScope;
  readonly description: string;
  readonly span?: SourceSpan;
}

/** Declarations by parameter name: an operation's own, or those shared by every topic of the spec. */
export type TopicParameterDeclarations = ReadonlyMap<string, TopicParameterDeclaration>;

export const TOPIC_PARAMETER_SCOPES: readonly TopicParameterScope[] = ["free", "client-id"];

/** The `{name}` levels of a template with their 0-based level. */
export function templateParameters(template: string): { readonly name: string; readonly level: number }[] {
  return template.split("/").flatMap((level, index) => {
    const name = /^\{([^{}]+)\}$/.exec(level)?.[1];
    return name === undefined ? [] : [{ name, level: index }];
  });
}

/**
 * Topic model with its `{param}` levels, each typed and scoped by the first of `declarations` that
 * declares it (the operation's own, then the spec's shared ones), or by default. Syntax is checked later,
 * by validation.
 */
export function topicModel(
  template: string,
  span?: SourceSpan,
  declarations: readonly TopicParameterDeclarations[] = [],
): TopicModel {
  const parameters = templateParameters(template).map(({ name, level }): TopicParameterModel => {
    const declared = declarations.map((byName) => byName.get(name)).find((found) => found !== undefined);
    return {
      name,
      level,
      type: declared?.type ?? "string",
      scope: declared?.scope ?? defaultScope(name),
      description: declared?.description ?? "",
    };
  });
  return { template, parameters, ...(span ? { span } : {}) };
}

/**
 * A reply topic: its parameters are the request topic's, typed and scoped as there, and `{clientId}`
 * (the requester's client id). Any other parameter is left free and untyped; validation reports it, as
 * nothing could fill it.
 */
export function replyTopicModel(template: string, span: SourceSpan | undefined, request: TopicModel): TopicModel {
  const byName = new Map(request.parameters.map((parameter) => [parameter.name, { ...parameter, span: undefined }]));
  return topicModel(template, span, [byName]);
}

/**
 * Reports declarations that name no parameter of the topics they apply to: those of one operation
 * (`operation` given) or those every topic shares. A misspelt name would otherwise change nothing.
 */
export function reportUnusedDeclarations(
  declarations: TopicParameterDeclarations,
  used: ReadonlySet<string>,
  diagnostics: DiagnosticCollector,
  operation?: string,
): void {
  for (const declaration of declarations.values()) {
    if (used.has(declaration.name)) continue;
    const at = declaration.span;
    const parameter = declaration.name;
    if (operation === undefined) {
      diagnostics.report({ code: "topic-parameter-declaration", messageId: "unused-shared", format: { parameter }, at });
    } else {
      diagnostics.report({ code: "topic-parameter-declaration", messageId: "unused", format: { parameter, operation }, at });
    }
  }
}

/**
 * Server→client operations are subscribed to with every free parameter as `+` (docs/protocol.md#reading-the-reference) and every
 * client-id parameter kept as `{name}`, which the client fills with its own id.
 */
export function subscriptionFor(direction: Direction, topic: TopicModel, qos: Qos): SubscriptionModel | undefined {
  if (direction !== "server-to-client") return undefined;
  const scopes = new Map(topic.parameters.map((parameter) => [parameter.level, parameter.scope]));
  const filter = topic.template
    .split("/")
    .map((level, index) => (scopes.get(index) === "free" ? "+" : level))
    .join("/");
  return { filter, qos };
}

/** Whoever answers the first message: the server for client→server operations, the client otherwise (Q19). */
export function outcomeSender(direction: Direction): OutcomeSender {
  return direction === "client-to-server" ? "server" : "client";
}

/** QoS when the spec shows none (docs/protocol.md#reading-the-reference): request-response is always 0, acknowledged messages 1. */
export function defaultQos(interaction: Interaction): Qos {
  return interaction === "message-ack" ? 1 : 0;
}

/**
 * The property's kind: capitalised or spaced names are first-class MQTT properties (Q4), unless the spec
 * states the kind `user` (a user property may have any name). Returns `undefined` for a first-class name
 * the generator cannot map (an `unknown-first-class-property`).
 */
export function propertyModel(fields: {
  name: string;
  type: ScalarType;
  required: boolean;
  description: string;
  kind?: PropertyModel["kind"];
  span?: SourceSpan;
}): PropertyModel | undefined {
  const { name, type, required, description, span } = fields;
  const base = { name, type, required, description, ...(span ? { span } : {}) };
  const kind = fields.kind ?? inferredPropertyKind(name);
  if (kind === "user") return { kind: "user", ...base };
  const mqttField = Object.hasOwn(FIRST_CLASS_FIELDS, name) ? FIRST_CLASS_FIELDS[name as FirstClassName] : undefined;
  return mqttField === undefined ? undefined : { kind: "first-class", ...base, mqttField };
}

/** The first-class property names the generator maps, as messages list them. */
export const FIRST_CLASS_NAMES = Object.keys(FIRST_CLASS_FIELDS).join(", ");


export const PROPERTY_KINDS: readonly PropertyModel["kind"][] = ["user", "first-class"];

/** `empty`, `any byte sequence`, or a type name (`Twin`); `undefined` for anything else. */
export function payloadModel(text: string, span?: SourceSpan): PayloadModel | undefined {
  const value = text.trim();
  const at = span ? { span } : {};
  if (/^empty$/i.test(value)) return { kind: "empty", ...at };
  if (/^any byte sequence$/i.test(value)) return { kind: "bytes", ...at };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return { kind: "named", type: value, ...at };
  return undefined;
}

/**
 * Canonical status spelling in `format`, or `undefined` when the text is no status of it: `hex16` four hex
 * digits (`06a0` → `06A0`), `integer` a decimal integer (`0400` → `400`), `text` a token without white
 * space at its ends or control characters.
 */
export function canonicalStatus(text: string, format: StatusFormat): string | undefined {
  switch (format) {
    case "hex16": {
      const code = /^[0-9A-Fa-f]{4}$/.test(text.trim()) ? parseStatus(text) : undefined;
      return code === undefined ? undefined : formatStatus(code);
    }
    case "integer":
      return canonicalStatusOf("integer", text.trim());
    case "text":
      return /^\S(?:.*\S)?$/.test(text) && !/[\u0000-\u001f\u007f]/.test(text) ? text : undefined;
  }
}

/** Class and retryable flag of a `hex16` catalog status, decoded from its bits (docs/protocol.md#status-codes). */
export function statusTraits(status: string): Pick<CatalogResponseModel, "statusClass" | "retryable"> | undefined {
  const code = parseStatus(status);
  const bits = code === undefined ? undefined : decodeStatusBits(code);
  return bits === undefined ? undefined : { statusClass: bits.statusClass, retryable: bits.retryable };
}

/** `yes`/`no` (any case, also `true`/`false`); `undefined` for anything else. */
export function requiredValue(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === "yes" || value === "true") return true;
  if (value === "no" || value === "false") return false;
  return undefined;
}

/** Reason code of an MQTT 5 packet: an integer 0–255, decimal or `0x` hex. */
export function reasonCodeValue(text: string): number | undefined {
  const value = text.trim();
  const n = /^0x[0-9a-f]{1,2}$/i.test(value) ? Number.parseInt(value, 16) : /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 255 ? n : undefined;
}

/**
 * The reason code a catalog entry whose own cannot be read stands in with in a partial model (never
 * emitted): one that agrees with its class, so validation adds nothing to the problem already reported.
 */
export function standInReasonCode(statusClass: CatalogResponseModel["statusClass"]): number {
  return statusClass === "success" ? 0 : 0x83;
}

/**
 * What a catalog entry whose stated class cannot be read stands in with in a partial model (never
 * emitted): the class its reason code suggests, so alternatives naming it are not reported as unknown too.
 */
export function standInTraits(reasonCode: number | undefined): Pick<CatalogResponseModel, "statusClass" | "retryable"> {
  return { statusClass: (reasonCode ?? 0x80) < 0x80 ? "success" : "client-error", retryable: false };
}

/** The payload type names operations use, in order of first use. */
export function namedPayloads(payloads: readonly (PayloadModel | undefined)[]): string[] {
  const names: string[] = [];
  for (const payload of payloads) {
    if (payload?.kind === "named" && !names.includes(payload.type)) names.push(payload.type);
  }
  return names;
}
