/**
 * What the diff assumes about an API family's conventions, in one place, read from the model's resolved
 * dialect and connection (an IoT Hub spec: docs/protocol.md#connect-properties, #properties, #unknown-incoming-properties).
 */
import type { ApiModel } from "../model.js";
import type { Condition, Flow } from "./rules.js";

export interface DialectProfile {
  readonly name: string;
  /** Whether the server refuses user properties a message does not declare (IoT Hub: 131/`0100`, docs/protocol.md#properties). */
  readonly serverRefusesUndeclaredProperties: boolean;
  /** Whether clients refuse undeclared user properties (generated clients pass them through, docs/protocol.md#unknown-incoming-properties). */
  readonly clientRefusesUndeclaredProperties: boolean;
  /** Whether CONNECT states the api-version and the server refuses any other (IoT Hub, docs/protocol.md#connect-properties). */
  readonly connectStatesApiVersion: boolean;
}

/**
 * The dialect a model follows. Servers apply the dialect's undeclared-property policy; generated clients
 * pass undeclared properties through whatever the dialect (O12). CONNECT states the api-version when a
 * CONNECT property carries the spec's api-version as its fixed value.
 */
export function dialectOf(model: ApiModel): DialectProfile {
  return {
    name: model.dialect.name,
    serverRefusesUndeclaredProperties: model.dialect.undeclaredProperties === "refuse",
    clientRefusesUndeclaredProperties: false,
    connectStatesApiVersion: model.connection.userProperties.some(
      (property) => property.required && property.value !== undefined && property.value === model.apiVersion,
    ),
  };
}

/** The conditions under which MQTT properties of a message in `flow` are judged: its receiver's strictness. */
export function propertyConditions(flow: Flow, dialects: { readonly old: DialectProfile; readonly new: DialectProfile }): Condition[] {
  // The receiver of an uplink message is the server built from NEW; of a downlink one, a client built from OLD.
  const strict = flow === "uplink" ? dialects.new.serverRefusesUndeclaredProperties : dialects.old.clientRefusesUndeclaredProperties;
  return strict ? ["receiver-refuses-undeclared"] : [];
}
