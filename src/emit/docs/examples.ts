/**
 * Example values for the docs: what a topic, a property and a payload of an operation look like on the
 * wire, and the packets of one exchange filled with them. One set of values serves the packet examples,
 * the Mosquitto commands and the TypeScript snippets, so all three show the same exchange.
 */
import type {
  ApiModel,
  ConnectPropertyModel,
  JsonValue,
  OperationModel,
  PayloadModel,
  PropertyModel,
  ScalarType,
  TopicModel,
  TopicParameterModel,
} from "../../model.js";
import { packetFlow, type Arrow, type PacketField } from "./packet-flow.js";
import { schemaExample, type SchemaDefinitions } from "./schema-example.js";

/** The client id examples connect with; it fills every client-id topic level. */
export const EXAMPLE_CLIENT_ID = "device-1";

/** The Correlation Data examples send, as text. */
export const EXAMPLE_CORRELATION = "request-1";

/** 2026-01-01T12:00:00Z: the instant `time` examples carry. */
export const EXAMPLE_TIME_MS = 1_767_268_800_000;

/** Bytes payloads of examples, as text. */
export const EXAMPLE_BYTES = "hello";

/** A topic parameter's example: the client id for client-id levels, a number or a name-made text otherwise. */
export function parameterExample(parameter: Pick<TopicParameterModel, "name" | "type" | "scope">): string {
  if (parameter.scope === "client-id") return EXAMPLE_CLIENT_ID;
  return parameter.type === "string" ? `my-${parameter.name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}` : scalarExample(parameter.type);
}

/** The topic with each `{parameter}` filled with its example. */
export function exampleTopic(topic: Pick<TopicModel, "template" | "parameters">): string {
  const parameters = new Map(topic.parameters.map((parameter) => [parameter.name, parameter]));
  return topic.template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const parameter = parameters.get(name);
    return parameter === undefined ? (name === "clientId" ? EXAMPLE_CLIENT_ID : whole) : parameterExample(parameter);
  });
}

/** A scalar's example in its wire encoding (docs/protocol.md#scalar-values): decimal numbers, `time` as epoch milliseconds. */
export function scalarExample(type: ScalarType): string {
  return type === "time" ? String(EXAMPLE_TIME_MS) : type === "string" ? "example" : "1";
}

/** A property's example as it travels: its fixed value, a content type for Content Type, its type's example otherwise. */
export function propertyExample(property: PropertyModel | ConnectPropertyModel, payload?: PayloadModel): string {
  if ("value" in property && property.value !== undefined) return property.value;
  if ("kind" in property && property.kind === "first-class") {
    if (property.mqttField === "contentType") return payload?.kind === "named" ? "application/json" : "text/plain";
    if (property.mqttField === "messageExpiryInterval") return "60";
    if (property.mqttField === "payloadFormatIndicator" || property.mqttField === "retain") return "1";
  }
  return scalarExample(property.type);
}

/** The API's payload types by name, for references between their schemas. */
export function schemaDefinitions(model: Pick<ApiModel, "payloadTypes">): SchemaDefinitions {
  return new Map(model.payloadTypes.flatMap((type) => (type.schema === undefined ? [] : [[type.name, type.schema] as const])));
}

/** A payload's example value: its type's schema example (`{}` without a schema), text for bytes, nothing when empty. */
export function payloadExample(payload: PayloadModel, definitions: SchemaDefinitions): JsonValue | undefined {
  switch (payload.kind) {
    case "empty":
      return undefined;
    case "bytes":
      return EXAMPLE_BYTES;
    case "named": {
      const schema = definitions.get(payload.type);
      return schema === undefined ? {} : schemaExample(schema, definitions);
    }
  }
}

/** A payload example as the bytes on the wire: JSON for named types, the text itself for bytes. */
export function payloadText(payload: PayloadModel, definitions: SchemaDefinitions): string | undefined {
  const value = payloadExample(payload, definitions);
  if (value === undefined) return undefined;
  return payload.kind === "bytes" && typeof value === "string" ? value : JSON.stringify(value);
}

/** One packet of an example exchange: who sends it and its fields with example values. */
export interface ExamplePacket {
  readonly arrow: Arrow;
  readonly packet: string;
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

/** The packets of the operation's exchange (`packet-flow.ts`) with example values in place of placeholders. */
export function examplePackets(operation: OperationModel, model: ApiModel): ExamplePacket[] {
  const definitions = schemaDefinitions(model);
  const requestValues = messageValues(operation.request.properties, operation.request.payload);
  const successValues = messageValues(operation.success?.properties ?? [], operation.success?.payload);
  return packetFlow(operation, model).map((step, index, steps) => {
    const isRequest = step.packet === "PUBLISH" && steps.findIndex((s) => s.packet === "PUBLISH") === index;
    const values = isRequest ? requestValues : successValues;
    const payload = isRequest ? operation.request.payload : step.outcome === "rejected" ? failurePayload(operation) : operation.success?.payload;
    const payloadValue = step.payload === undefined || payload === undefined ? undefined : payloadText(payload, definitions);
    const parameters = allParameters(operation);
    const filled = (template: string) => exampleTopic({ template, parameters });
    return {
      arrow: step.arrow,
      packet: step.packet,
      fields: [
        ...(step.topic === undefined ? [] : [{ name: step.packet === "SUBSCRIBE" ? "Topic Filter" : "Topic", value: filled(step.topic) }]),
        ...(step.qos === undefined ? [] : [{ name: "QoS", value: String(step.qos) }]),
        ...step.fields.map((field) => ({ name: field.name, value: fieldValue(field, values, filled) })),
        ...(step.packet === "PUBACK" ? [{ name: "Reason Code", value: "0 (Success)" }] : []),
        ...(payloadValue === undefined ? [] : [{ name: "Payload", value: payloadValue }]),
      ],
    };
  });
}

/** The parameters of the operation's topic and of its reply topics. */
export function allParameters(operation: OperationModel): TopicParameterModel[] {
  const reply = operation.reply;
  const replyTopics = reply?.kind === "topic" ? [reply.topic] : reply?.kind === "accepted-rejected" ? [reply.accepted, reply.rejected] : [];
  const byName = new Map([operation.topic, ...replyTopics].flatMap((topic) => topic.parameters).map((p) => [p.name, p]));
  return [...byName.values()];
}

function failurePayload(operation: OperationModel): PayloadModel | undefined {
  const type = operation.failurePayload?.payloadType;
  return type === undefined ? undefined : { kind: "named", type };
}

function messageValues(properties: readonly PropertyModel[], payload: PayloadModel | undefined): ReadonlyMap<string, string> {
  return new Map(properties.map((property) => [property.name, propertyExample(property, payload)]));
}

/** A packet field's example: the correlation, the property's example, or the field's topic (Response Topic) filled. */
function fieldValue(field: PacketField, values: ReadonlyMap<string, string>, filled: (template: string) => string): string {
  if (field.name === "Correlation Data") return EXAMPLE_CORRELATION;
  return values.get(field.name) ?? filled(field.value);
}
