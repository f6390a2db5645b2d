/**
 * What the diff assumes about an API family's conventions, in one place. Today the model cannot say
 * which dialect a spec follows, so every model is read as the IoT Hub dialect (PROTOCOL.md); when specs
 * declare a dialect, `dialectOf` reads it from the model and the rules follow without other changes.
 */
import type { ApiModel } from "../model.js";
import type { Condition, Flow } from "./rules.js";

export interface DialectProfile {
  readonly name: string;
  /** Whether the server refuses user properties a message does not declare (IoT Hub: 131/`0100`, PROTOCOL.md D18). */
  readonly serverRefusesUndeclaredProperties: boolean;
  /** Whether clients refuse undeclared user properties (generated clients pass them through, PROTOCOL.md O12). */
  readonly clientRefusesUndeclaredProperties: boolean;
  /** Whether CONNECT states the api-version and the server refuses any other (IoT Hub, PROTOCOL.md A4-A5). */
  readonly connectStatesApiVersion: boolean;
}

export const IOT_HUB_DIALECT: DialectProfile = {
  name: "iothub",
  serverRefusesUndeclaredProperties: true,
  clientRefusesUndeclaredProperties: false,
  connectStatesApiVersion: true,
};

/** The dialect a model follows. */
export function dialectOf(_model: ApiModel): DialectProfile {
  return IOT_HUB_DIALECT;
}

/** The conditions under which MQTT properties of a message in `flow` are judged: its receiver's strictness. */
export function propertyConditions(flow: Flow, dialects: { readonly old: DialectProfile; readonly new: DialectProfile }): Condition[] {
  // The receiver of an uplink message is the server built from NEW; of a downlink one, a client built from OLD.
  const strict = flow === "uplink" ? dialects.new.serverRefusesUndeclaredProperties : dialects.old.clientRefusesUndeclaredProperties;
  return strict ? ["receiver-refuses-undeclared"] : [];
}
