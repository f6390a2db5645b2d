/**
 * Reply topics a client subscribes to only when it first needs them: an operation's own reply topics
 * (or accepted/rejected pair) that carry no client-id level. With a client-id level the client subscribes
 * once at connect time, with `+` for the other parameters, since every such topic is its own; without one
 * a `+` would also match other clients' replies, so each concrete topic is subscribed before the first
 * request that needs it, and kept for the rest of the session.
 */
import type { MqttClient } from "mqtt";
import { ConnectionLostError, SubscribeError } from "./errors.js";

export class ReplySubscriptions {
  readonly #mqtt: MqttClient;
  /** Granted topics, and topics whose SUBSCRIBE is on its way. */
  readonly #subscribed = new Set<string>();
  readonly #pending = new Map<string, Promise<void>>();

  constructor(mqtt: MqttClient) {
    this.#mqtt = mqtt;
  }

  /** Every topic subscribed so far, to subscribe again when a session was not resumed. */
  get topics(): readonly string[] {
    return [...this.#subscribed];
  }

  /** Resolves once every topic is subscribed; `undefined` (no promise) when all already are. */
  ensure(topics: readonly string[]): Promise<void> | undefined {
    const missing = topics.filter((topic) => !this.#subscribed.has(topic));
    if (missing.length === 0) return undefined;
    return Promise.all(missing.map((topic) => this.#pending.get(topic) ?? this.#subscribe(topic))).then(
      () => undefined,
    );
  }

  #subscribe(topic: string): Promise<void> {
    const subscribed = new Promise<void>((resolve, reject) => {
      this.#mqtt.subscribe(topic, { qos: 0 }, (error, _granted, suback) => {
        this.#pending.delete(topic);
        const reasonCode = (suback?.granted as number[] | undefined)?.[0] ?? 0;
        if (reasonCode >= 0x80) reject(new SubscribeError([{ filter: topic, reasonCode }]));
        else if (error) reject(new ConnectionLostError(`subscription failed: ${error.message}`));
        else {
          this.#subscribed.add(topic);
          resolve();
        }
      });
    });
    this.#pending.set(topic, subscribed);
    return subscribed;
  }
}
