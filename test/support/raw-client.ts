/**
 * A minimal MQTT 5 test client over a raw socket: sends mqtt-packet objects or arbitrary bytes and lets a
 * test await the exact packets the server sends back, and the close of the connection.
 */
import { connect as netConnect, type Socket } from "node:net";
import { generate, parser, type Packet, type PacketCmd } from "mqtt-packet";

type PacketOf<C extends PacketCmd> = Extract<Packet, { cmd: C }>;

export class RawClient {
  readonly received: Packet[] = [];
  readonly closed: Promise<void>;
  #cursor = 0;
  #wake: (() => void) | undefined;
  #isClosed = false;

  private constructor(readonly socket: Socket) {
    const decoder = parser({ protocolVersion: 5 });
    decoder.on("packet", (packet) => {
      this.received.push(packet);
      this.#wake?.();
    });
    decoder.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => decoder.parse(chunk));
    socket.on("error", () => {});
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        this.#isClosed = true;
        this.#wake?.();
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: "127.0.0.1", port }, () => {
        socket.off("error", reject);
        resolve(new RawClient(socket));
      });
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  send(packet: Packet): void {
    this.socket.write(generate(packet, { protocolVersion: 5 }));
  }

  sendBytes(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) resolve();
      else this.socket.write(bytes, () => resolve());
    });
  }

  /** The next packet not yet returned (of `cmd`, skipping others when given); rejects on close or timeout. */
  async next<C extends PacketCmd>(cmd: C, timeoutMs = 2000): Promise<PacketOf<C>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.#cursor < this.received.length) {
        const packet = this.received[this.#cursor++] as Packet;
        if (packet.cmd === cmd) return packet as PacketOf<C>;
      }
      if (this.#isClosed) throw new Error(`connection closed while waiting for ${cmd}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no ${cmd} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** Resolves true when nothing of `cmd` arrives within `ms` (for "nothing was sent" assertions). */
  async nothing(cmd: PacketCmd, ms = 150): Promise<boolean> {
    try {
      await this.next(cmd, ms);
      return false;
    } catch {
      return true;
    }
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }
}
