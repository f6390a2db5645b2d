/**
 * The topics gateways and workers speak on between themselves, under a namespace of the API's own
 * (`mqttgen/<api title as a slug>` unless given). Never under `$`: Mosquitto's shared subscriptions do not
 * match `$` topics (measured on 2.0.11), which is why an API such as IoT Hub's needs this hop at all.
 *
 * - `{ns}/devices/{clientId}/up/{operation}`: a gateway forwards a device's client→server operation
 *   (workers share these through `$share/{group}/…`);
 * - `{ns}/devices/{clientId}/down/{operation}`: a worker calls a device; the gateway holding its
 *   connection subscribes for it;
 * - `{ns}/devices/{clientId}/session`: a gateway that accepts a device says so, and another gateway still
 *   holding that device closes its connection (session taken over);
 * - `{ns}/servers/{serverId}/replies`: answers to a gateway's forwards and a worker's calls;
 * - `{ns}/servers/{serverId}/drain`: a worker's marker to itself when it leaves its group.
 *
 * Identities are written by the gateway (devices never reach these topics), one level each, with `%`,
 * `/`, `+`, `#` and NUL percent-encoded so that any client id fits a level.
 */
import type { ApiTable } from "../../api-table.js";

export type DeviceTopic =
  | { readonly kind: "up" | "down"; readonly clientId: string; readonly operationId: string }
  | { readonly kind: "session"; readonly clientId: string };

export class InternalTopics {
  readonly #devices: string;
  readonly #servers: string;

  constructor(readonly namespace: string) {
    if (
      namespace === "" ||
      namespace.startsWith("$") ||
      /[+#\u0000]/.test(namespace) ||
      namespace.split("/").includes("")
    ) {
      throw new TypeError(
        `internal namespace ${JSON.stringify(namespace)}: levels without wildcards, not starting with $`,
      );
    }
    this.#devices = `${namespace}/devices/`;
    this.#servers = `${namespace}/servers/`;
  }

  /** The namespace of an API unless one is given: `mqttgen/` and its title as a slug. */
  static of(api: Pick<ApiTable, "title">, namespace?: string): InternalTopics {
    return new InternalTopics(namespace ?? `mqttgen/${slug(api.title)}`);
  }

  up(clientId: string, operationId: string): string {
    return `${this.#devices}${level(clientId)}/up/${level(operationId)}`;
  }

  /** Every device's forwards of one operation. */
  upFilter(operationId: string): string {
    return `${this.#devices}+/up/${level(operationId)}`;
  }

  down(clientId: string, operationId: string): string {
    return `${this.#devices}${level(clientId)}/down/${level(operationId)}`;
  }

  /** One device's calls, every operation. */
  downFilter(clientId: string): string {
    return `${this.#devices}${level(clientId)}/down/+`;
  }

  session(clientId: string): string {
    return `${this.#devices}${level(clientId)}/session`;
  }

  replies(serverId: string): string {
    return `${this.#servers}${level(serverId)}/replies`;
  }

  /** Whether `topic` is some gateway's or worker's reply topic: where answers may be sent. */
  isReplies(topic: string): boolean {
    if (!topic.startsWith(this.#servers) || !topic.endsWith("/replies")) return false;
    const server = topic.slice(this.#servers.length, -"/replies".length);
    return server !== "" && !/[/+#]/.test(server);
  }

  drain(serverId: string): string {
    return `${this.#servers}${level(serverId)}/drain`;
  }

  /** What a device topic is, `undefined` for any other topic. */
  parseDevice(topic: string): DeviceTopic | undefined {
    if (!topic.startsWith(this.#devices)) return undefined;
    const levels = topic.slice(this.#devices.length).split("/");
    const [client, kind, operation] = levels;
    if (client === undefined || client === "") return undefined;
    const clientId = unlevel(client);
    if (levels.length === 2 && kind === "session") return { kind: "session", clientId };
    if (levels.length === 3 && (kind === "up" || kind === "down") && operation !== undefined && operation !== "") {
      return { kind, clientId, operationId: unlevel(operation) };
    }
    return undefined;
  }
}

/** Lower-case words of a title joined by `-` (`IoT Hub data plane` → `iot-hub-data-plane`). */
export function slug(title: string): string {
  const words = title.toLowerCase().match(/[a-z0-9]+/g);
  return words === null ? "api" : words.join("-");
}

function level(text: string): string {
  return text.replace(/[%/+#\u0000]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`);
}

function unlevel(text: string): string {
  return text.replace(/%(25|2F|2B|23|00)/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
