/**
 * `broker/mosquitto.conf` and `broker/acl`: the Mosquitto configuration a deployment of the API through a
 * broker needs (listener, users from a password file, the ACL, the settings workers need), as the runtime's
 * `mosquittoFilesFor` derives it. Devices are the broker's own clients when the API's topics let the ACL
 * confine each to its own (`through: "broker"`); otherwise (IoT Hub: `$iothub/…` topics naming no client)
 * they connect to gateways and the ACL covers the internal `mqttgen/<api>/…` topics gateways and workers
 * use. User names and paths are placeholders named after the spec.
 */
import type { ApiModel } from "../../model.js";
import { brokerTopicProblems, mosquittoFilesFor, type MosquittoFilesOptions } from "@mqttgen/runtime/server";
import type { EmitContext } from "../types.js";
import { brokerTopicsOfModel } from "./topics.js";

function mosquittoFiles(model: ApiModel, context: EmitContext): { conf: string; acl: string } {
  const topics = brokerTopicsOfModel(model);
  const directory = `/etc/mosquitto/mqttgen/${context.specName}`;
  const options: MosquittoFilesOptions = {
    // Workers share the work in a group, so a `$` topic rules devices out of the broker as well.
    through: brokerTopicProblems(topics, true).length === 0 ? "broker" : "gateways",
    workerUser: `${context.specName}-worker`,
    gatewayUser: `${context.specName}-gateway`,
    port: 1883,
    passwordFile: `${directory}/passwords`,
    aclFile: `${directory}/acl`,
  };
  return mosquittoFilesFor(topics, options);
}

export function mosquittoConf(model: ApiModel, context: EmitContext): string {
  return mosquittoFiles(model, context).conf;
}

export function mosquittoAclFile(model: ApiModel, context: EmitContext): string {
  return mosquittoFiles(model, context).acl;
}
