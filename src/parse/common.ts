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
  type SubscriptionModel,
  type TopicModel,
  type ApiModel,
} from "../model.js";
import { decodeStatusBits, formatStatus, parseStatus } from "../runtime/status.js";
import { subscriptionFilter } from "../runtime/topics.js";

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

/** Topic model with its `{param}` levels; syntax is checked later, by validation. */
export function topicModel(template: string, span?: SourceSpan): TopicModel {
  const parameters = template
    .split("/")
    .flatMap((level, index) => {
      const name = /^\{([^{}]+)\}$/.exec(level)?.[1];
      return name === undefined ? [] : [{ name, level: index }];
    });
  return { template, parameters, ...(span ? { span } : {}) };
}

/** Server→client operations are subscribed to with every parameter as `+` (PROTOCOL.md Q5). */
export function subscriptionFor(direction: Direction, topic: string, qos: Qos): SubscriptionModel | undefined {
  return direction === "server-to-client" ? { filter: subscriptionFilter(topic), qos } : undefined;
}

/** Whoever answers the first message: the server for client→server operations, the client otherwise (Q19). */
export function outcomeSender(direction: Direction): OutcomeSender {
  return direction === "client-to-server" ? "server" : "client";
}

/** QoS when the spec shows none (PROTOCOL.md Q21): request-response is always 0, acknowledged messages 1. */
export function defaultQos(interaction: Interaction): Qos {
  return interaction === "message-ack" ? 1 : 0;
}

/**
 * The property's kind: capitalised or spaced names are first-class MQTT properties (Q4). Returns
 * `undefined` for a first-class-looking name the generator cannot map (an `unknown-first-class-property`).
 */
export function propertyModel(fields: {
  name: string;
  type: ScalarType;
  required: boolean;
  description: string;
  span?: SourceSpan;
}): PropertyModel | undefined {
  const { name, type, required, description, span } = fields;
  const base = { name, type, required, description, ...(span ? { span } : {}) };
  if (!looksFirstClass(name)) return { kind: "user", ...base };
  const mqttField = FIRST_CLASS_FIELDS[name as FirstClassName];
  return mqttField === undefined ? undefined : { kind: "first-class", ...base, mqttField };
}

/** The first-class property names the generator maps, as messages list them. */
export const FIRST_CLASS_NAMES = Object.keys(FIRST_CLASS_FIELDS).join(", ");

export function looksFirstClass(name: string): boolean {
  return /\s/.test(name) || /^[A-Z]/.test(name);
}

/** `empty`, `any byte sequence`, or a type name (`Twin`); `undefined` for anything else. */
export function payloadModel(text: string, span?: SourceSpan): PayloadModel | undefined {
  const value = text.trim();
  const at = span ? { span } : {};
  if (/^empty$/i.test(value)) return { kind: "empty", ...at };
  if (/^any byte sequence$/i.test(value)) return { kind: "bytes", ...at };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return { kind: "named", type: value, ...at };
  return undefined;
}

/** Canonical status spelling, or `undefined` when the text is not 1–4 hex digits. */
export function canonicalStatus(text: string): string | undefined {
  const code = /^[0-9A-Fa-f]{4}$/.test(text.trim()) ? parseStatus(text) : undefined;
  return code === undefined ? undefined : formatStatus(code);
}

/** Class and retryable flag of a catalog status, decoded from its bits (PROTOCOL.md F29). */
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

/** The payload type names operations use, in order of first use. */
export function namedPayloads(payloads: readonly (PayloadModel | undefined)[]): string[] {
  const names: string[] = [];
  for (const payload of payloads) {
    if (payload?.kind === "named" && !names.includes(payload.type)) names.push(payload.type);
  }
  return names;
}
