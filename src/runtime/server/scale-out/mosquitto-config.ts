/**
 * The Mosquitto configuration a deployment of an API needs, derived from its table (a generator emits it
 * per API; the tests start Mosquitto with it):
 * - `through: "broker"`, devices are the broker's clients: one `pattern` rule per topic, each client-id
 *   level written `%c`, so that a device may publish only its own client→server topics and read only its
 *   own server→client and reply topics; the service user reads and writes every device's topics;
 * - `through: "gateways"`: devices connect to gateways and never reach the broker; the gateway user may
 *   forward and receive calls, the worker user may take forwards and make calls, on the internal topics.
 * Both users may use the servers' own reply and drain topics.
 *
 * Mosquitto 2.0's ACL file checks a subscription only when it delivers a message (a SUBSCRIBE is always
 * granted): a device cannot read another's topics, but one that subscribes to the workers'
 * `$share/{group}/…` filter joins the group, and the messages it is allotted are dropped (measured on
 * 2.0.11). The README names the remedies (the dynamic security plugin with a role per device, or gateways).
 */
import type { ApiTable } from "../../api-table.js";
import { brokerTopicProblems, brokerTopicsOf, type BrokerTopic, type BrokerTopics } from "./broker-topics.js";
import { InternalTopics } from "./internal-topics.js";

export interface MosquittoConfigOptions {
  /** How devices reach the service: on the broker itself, or through gateways. */
  readonly through: "broker" | "gateways";
  /** The user name the workers log in with. */
  readonly workerUser: string;
  /** The user name the gateways log in with (through gateways). */
  readonly gatewayUser?: string;
  /** Namespace of the internal topics, as given to workers and gateways. */
  readonly namespace?: string;
}

export interface MosquittoFilesOptions extends MosquittoConfigOptions {
  readonly port: number;
  /** Address to listen on; all interfaces when absent. */
  readonly host?: string;
  readonly passwordFile: string;
  readonly aclFile: string;
  /** Where `persistence` writes; default Debian's `/var/lib/mosquitto/`. */
  readonly persistenceLocation?: string;
}

/**
 * Settings every deployment needs beside the listener: a worker that is away (restarting) keeps its session
 * and its share, and Mosquitto's default of 1000 queued messages per session would drop the rest while
 * still acknowledging them to their publishers.
 */
export const MOSQUITTO_WORKER_SETTINGS: readonly string[] = Object.freeze([
  "max_queued_messages 0",
  "persistence true",
  "set_tcp_nodelay true",
]);

/** The ACL file's lines. Throws when devices are on the broker and a topic cannot be confined to its client. */
export function mosquittoAcl(api: ApiTable, options: MosquittoConfigOptions): string[] {
  return mosquittoAclFor(brokerTopicsOf(api), options);
}

/** `mosquitto.conf` and the ACL file, as text. */
export function mosquittoFiles(api: ApiTable, options: MosquittoFilesOptions): { conf: string; acl: string } {
  return mosquittoFilesFor(brokerTopicsOf(api), options);
}

/** `mosquittoAcl` over an API's topics as plain data (`brokerTopicsOf`, or the generator's from its model). */
export function mosquittoAclFor(topics: BrokerTopics, options: MosquittoConfigOptions): string[] {
  const ns = InternalTopics.of(topics, options.namespace).namespace;
  const servers = `topic readwrite ${ns}/servers/#`;
  if (options.through === "gateways") {
    const gatewayUser = options.gatewayUser;
    if (gatewayUser === undefined) throw new TypeError("through gateways, the gateways' user name is needed");
    return [
      `# ${topics.title}: devices connect to gateways; the broker carries gateways' forwards and workers' calls`,
      `user ${gatewayUser}`,
      `topic write ${ns}/devices/+/up/+`,
      `topic read ${ns}/devices/+/down/+`,
      `topic readwrite ${ns}/devices/+/session`,
      servers,
      "",
      `user ${options.workerUser}`,
      `topic read ${ns}/devices/+/up/+`,
      `topic write ${ns}/devices/+/down/+`,
      servers,
    ];
  }
  const problems = brokerTopicProblems(topics, false);
  if (problems.length > 0) {
    throw new Error(`${topics.title} cannot confine devices to their own topics:\n  ${problems.join("\n  ")}`);
  }
  const device: string[] = [];
  const service: string[] = [];
  const rule = (access: "read" | "write" | "readwrite", topic: BrokerTopic, suffix = "") => {
    device.push(`pattern ${access} ${topic.own}${suffix}`);
    service.push(`topic ${swap(access)} ${topic.every}${suffix}`);
  };
  for (const operation of topics.operations) {
    const fromClient = operation.direction === "client-to-server";
    rule(fromClient ? "write" : "read", operation.topic);
    for (const reply of operation.replies) rule(fromClient ? "read" : "write", reply);
  }
  // Replies under the requester's own prefix, both ways.
  if (topics.requesterPrefix !== undefined) rule("readwrite", topics.requesterPrefix, "/#");
  return [
    `# ${topics.title}: devices on the broker, each confined to its own topics (%c is its client id)`,
    `user ${options.workerUser}`,
    ...unique(service),
    servers,
    "",
    ...unique(device),
  ];
}

/** `mosquittoFiles` over an API's topics as plain data. */
export function mosquittoFilesFor(topics: BrokerTopics, options: MosquittoFilesOptions): { conf: string; acl: string } {
  const conf = [
    `# ${topics.title} (api-version ${topics.apiVersion}): ${options.through === "gateways" ? "gateways and workers" : "devices and workers"}`,
    `listener ${options.port}${options.host === undefined ? "" : ` ${options.host}`}`,
    "allow_anonymous false",
    `password_file ${options.passwordFile}`,
    `acl_file ${options.aclFile}`,
    ...MOSQUITTO_WORKER_SETTINGS,
    `persistence_location ${options.persistenceLocation ?? "/var/lib/mosquitto/"}`,
    "",
  ];
  return { conf: conf.join("\n"), acl: [...mosquittoAclFor(topics, options), ""].join("\n") };
}

/** What the service may do where a device may do the opposite. */
function swap(access: "read" | "write" | "readwrite"): "read" | "write" | "readwrite" {
  return access === "read" ? "write" : access === "write" ? "read" : "readwrite";
}

function unique(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}
