/**
 * The embedded endpoint's WebSocket listener (MQTT 5 §6): packets reassembled across WebSocket messages, the
 * `mqtt` subprotocol required, and a message above the maximum packet size closing only its own connection.
 */
import { generate, parser, type IConnackPacket, type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { sasConnect, startEndpoint } from "./fixture.js";

/** A WebSocket MQTT client that records decoded packets and how the socket closed. */
class WebSocketPeer {
  readonly received: Packet[] = [];
  readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    const decoder = parser({ protocolVersion: 5 });
    decoder.on("packet", (packet) => this.received.push(packet));
    socket.on("message", (data: Buffer) => decoder.parse(data));
    socket.on("error", () => {});
    this.closed = new Promise((resolve) => socket.on("close", (code) => resolve(code)));
  }

  static open(port: number, protocols: string[] = ["mqtt"]): Promise<WebSocketPeer> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/mqtt`, protocols);
    const peer = new WebSocketPeer(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(peer));
      socket.once("error", reject);
    });
  }

  send(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(bytes, (error) => (error ? reject(error) : resolve())));
  }

  async next(cmd: Packet["cmd"]): Promise<Packet> {
    for (;;) {
      const packet = this.received.find((p) => p.cmd === cmd);
      if (packet !== undefined) return packet;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`closed while waiting for ${cmd}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

async function webSocketEndpoint(maximumPacketSize?: number) {
  const { endpoint } = await startEndpoint({
    webSocket: { port: 0 },
    ...(maximumPacketSize === undefined ? {} : { limits: { maximumPacketSize } }),
  });
  return { endpoint, port: endpoint.webSocketAddress().port };
}

describe("the endpoint's WebSocket listener", () => {
  it("accepts a CONNECT split across two WebSocket messages", async () => {
    const { port } = await webSocketEndpoint();
    const peer = await WebSocketPeer.open(port);
    const bytes = generate(sasConnect("dev1"), { protocolVersion: 5 });
    await peer.send(bytes.subarray(0, 7));
    await peer.send(bytes.subarray(7));
    expect(((await peer.next("connack")) as IConnackPacket).reasonCode).toBe(0);
    peer.socket.close();
  });

  it("closes a connection that does not offer the mqtt subprotocol", async () => {
    const { port } = await webSocketEndpoint();
    const peer = await WebSocketPeer.open(port, []);
    expect(await peer.closed).toBe(1002);
  });

  it("closes a connection whose message exceeds the maximum packet size, and keeps serving another", async () => {
    const { port } = await webSocketEndpoint(1024);
    const served = await WebSocketPeer.open(port);
    await served.send(generate(sasConnect("dev1"), { protocolVersion: 5 }));
    await served.next("connack");
    const flooding = await WebSocketPeer.open(port);
    await flooding.send(new Uint8Array(4096));
    expect(await flooding.closed).toBe(1009);
    await served.send(generate({ cmd: "pingreq" }, { protocolVersion: 5 }));
    expect((await served.next("pingresp")).cmd).toBe("pingresp");
    served.socket.close();
  });
});
