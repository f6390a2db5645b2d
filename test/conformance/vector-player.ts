/**
 * Plays one conformance vector against a server over a fresh loopback connection, as mosquitto's runner
 * does (SOURCE.md): the runner's own CONNECT first unless the case sends its own, then each `send` and
 * `recv` in order, then the end condition (closed, or still answering PINGREQ). The result is the first
 * thing that differed, worded as the deviations table records it (none when the case went as its vector
 * says), and whether the server closed the connection.
 *
 * Comparison: CONNACKs by their flags and reason code only (their properties are each server's own
 * limits); DISCONNECTs by their reason code (a reason string may differ); every other packet byte for byte.
 */
import { connect as netConnect, type Socket } from "node:net";
import { framed } from "../support/mqtt-frames.js";
import type { VectorCase } from "./vectors.js";

export interface PlayResult {
  /** The first thing that differed from the vector, `undefined` when the case went as it says. */
  readonly observed: string | undefined;
  /** Whether the server had closed the connection by the end of the case. */
  readonly closed: boolean;
}

/** How long a packet the case expects, or the close it expects, may take to arrive. */
const WAIT_MS = 2000;

/** The runner's CONNECT: MQTT 5, clean start, keep alive 60, Receive Maximum 20 (SOURCE.md), this client id. */
export function runnerConnect(clientId: string): Buffer {
  const id = Buffer.from(clientId, "utf8");
  const properties = Buffer.from([0x03, 0x21, 0x00, 0x14]);
  const body = Buffer.concat([
    Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3c]),
    properties,
    Buffer.from([id.length >> 8, id.length & 0xff]),
    id,
  ]);
  return framed(0x10, body);
}

export async function playVector(port: number, vector: VectorCase, clientId: string): Promise<PlayResult> {
  const peer = await Peer.open(port);
  try {
    const observed = await playMessages(peer, vector, clientId);
    if (vector.expectDisconnect) {
      const closed = await peer.closedWithin(WAIT_MS);
      return { observed: observed ?? (closed ? undefined : "left open"), closed };
    }
    // Still up means still answering: PINGREQ must get its PINGRESP, and nothing unexpected may come first.
    peer.write(Buffer.from([0xc0, 0x00]));
    let first = observed;
    for (;;) {
      const answer = await peer.next();
      if (answer === undefined) return { observed: first ?? describe(answer, peer), closed: peer.isClosed };
      if (answer[0] === 0xd0) return { observed: first, closed: false };
      first ??= describe(answer, peer);
    }
  } finally {
    peer.destroy();
  }
}

/** Plays the case's messages; returns the first difference, if any. */
async function playMessages(peer: Peer, vector: VectorCase, clientId: string): Promise<string | undefined> {
  if (vector.connect) {
    peer.write(runnerConnect(clientId));
    const connack = await peer.next();
    if (connack === undefined || connack[0] !== 0x20 || connack[3] !== 0) {
      return `runner CONNECT answered with ${describe(connack, peer)}`;
    }
  }
  for (const message of vector.messages) {
    if (message.type === "send") {
      peer.write(message.bytes);
    } else if (message.type === "recv") {
      const received = await peer.next();
      if (received === undefined || !matches(received, message.bytes)) return describe(received, peer);
    } else {
      throw new Error(`${vector.key} needs a helper client`);
    }
  }
  return undefined;
}

function matches(received: Buffer, expected: Buffer): boolean {
  const type = (expected[0] as number) >> 4;
  if (received[0] !== expected[0]) return false;
  if (type === 2) return received[2] === expected[2] && received[3] === expected[3];
  if (type === 14) return disconnectReason(received) === disconnectReason(expected);
  return received.equals(expected);
}

function disconnectReason(packet: Buffer): number {
  return packet[1] === 0 ? 0 : (packet[2] as number);
}

const PACKET_NAMES = [
  "reserved",
  "CONNECT",
  "CONNACK",
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "SUBSCRIBE",
  "SUBACK",
  "UNSUBSCRIBE",
  "UNSUBACK",
  "PINGREQ",
  "PINGRESP",
  "DISCONNECT",
  "AUTH",
];

/**
 * A received packet as the deviations table words it: its name and reason code(s) where it has them
 * (CONNACK, acknowledgments, SUBACK, UNSUBACK, DISCONNECT), its name and bytes otherwise.
 */
function describe(packet: Buffer | undefined, peer: Peer): string {
  if (packet === undefined) return peer.isClosed ? "closed without an answer" : "no answer";
  const type = (packet[0] as number) >> 4;
  const name = PACKET_NAMES[type] as string;
  const code = (value: number | undefined): string => `0x${(value ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
  if (type === 2) return `${name} ${code(packet[3])}`;
  if (type === 14) return `${name} ${code(disconnectReason(packet))}`;
  if (type >= 4 && type <= 7) return `${name} ${code(packet[1] === 2 ? 0 : packet[4])}`;
  if (type === 9 || type === 11) {
    // Packet identifier, then a one-byte property length (this endpoint sends short sections), then codes.
    const codes = packet.subarray(5 + (packet[4] as number));
    return `${name} ${[...codes].map(code).join(" ")}`;
  }
  return `${name} ${packet.toString("hex").toUpperCase()}`;
}

/** A raw socket that splits what it receives into whole MQTT packets. */
class Peer {
  readonly #packets: Buffer[] = [];
  #pending = Buffer.alloc(0);
  #closed = false;
  #wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.#pending = Buffer.concat([this.#pending, chunk]);
      for (let packet = this.#split(); packet !== undefined; packet = this.#split()) this.#packets.push(packet);
      this.#wake?.();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  static open(port: number): Promise<Peer> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: "127.0.0.1", port }, () => {
        socket.off("error", reject);
        resolve(new Peer(socket));
      });
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  write(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** The next packet, or `undefined` when the connection closes or nothing comes within WAIT_MS. */
  async next(): Promise<Buffer | undefined> {
    await this.#until(() => this.#packets.length > 0 || this.#closed, WAIT_MS);
    return this.#packets.shift();
  }

  async closedWithin(ms: number): Promise<boolean> {
    await this.#until(() => this.#closed, ms);
    return this.#closed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  async #until(done: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** Takes one whole packet off the front of what was received, if there is one. */
  #split(): Buffer | undefined {
    let length = 0;
    let multiplier = 1;
    for (let i = 1; i < 5; i++) {
      if (i >= this.#pending.length) return undefined;
      const byte = this.#pending[i] as number;
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) {
        const size = i + 1 + length;
        if (this.#pending.length < size) return undefined;
        const packet = this.#pending.subarray(0, size);
        this.#pending = this.#pending.subarray(size);
        return packet;
      }
    }
    throw new Error("server sent a Remaining Length of more than four bytes");
  }
}
