/** A plain MQTT.js client logged in as a user of a test broker, recording every PUBLISH it receives. */
import mqtt, { type MqttClient } from "mqtt";

export interface RecordingClient {
  readonly client: MqttClient;
  /** `topic payload` of each PUBLISH received, in order. */
  readonly received: string[];
}

/** Connects as `user` (its client id too); `onCleanup` gets what closes it. */
export async function recordingClient(
  url: string,
  user: string,
  password: string,
  onCleanup: (cleanup: () => Promise<void>) => void,
): Promise<RecordingClient> {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clientId: user,
    username: user,
    password,
    reconnectPeriod: 0,
  });
  onCleanup(() => client.endAsync());
  const received: string[] = [];
  client.on("message", (topic, payload) => received.push(`${topic} ${payload.toString()}`));
  return { client, received };
}
