/**
 * A scripted MQTT 5 server for client tests: `net.createServer` on 127.0.0.1, port 0, packets parsed and
 * generated with mqtt-packet. It records every packet it receives, in order, with the connection it came
 * on; a test-supplied script decides the replies. By default it accepts CONNECT (Session Present 0) and
 * grants every SUBSCRIBE at the requested QoS; nothing else is answered unless the script does.
 */
import { createServer, type Server, type Socket } from "node:net";
import mqttPacket from "mqtt-packet";
import type { IConnackPacket, ISubackPacket, Packet } from "mqtt-packet";

export interface ReceivedPacket {
  /** 0 for the first connection, 1 for the next, … */
  readonly connection: number;
  readonly packet: Packet;
}

export class ScriptedConnection {
  readonly #socket: Socket;
  readonly closed: Promise<void>;

  constructor(
    readonly index: number,
    socket: Socket,
  ) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
  }

  send(packet: Packet): void {
    this.sendTogether(packet);
  }

  /** Several packets in one socket write, as a server that corks its socket sends them. */
  sendTogether(...packets: Packet[]): void {
    const bytes = packets.map((packet) => mqttPacket.generate(packet, { protocolVersion: 5 }));
    if (!this.#socket.destroyed) this.#socket.write(Buffer.concat(bytes));
  }

  /** Drops the TCP connection without a DISCONNECT. */
  drop(): void {
    this.#socket.destroy();
  }

  get isClosed(): boolean {
    return this.#socket.destroyed;
  }
}

/** Decides replies. Return `true` to suppress the default behaviour for that packet. */
export type Script = (packet: Packet, connection: ScriptedConnection) => boolean | void;

export class ScriptedServer {
  readonly received: ReceivedPacket[] = [];
  readonly connections: ScriptedConnection[] = [];
  /** The CONNACK the default behaviour sends. */
  connack: Omit<IConnackPacket, "cmd"> = {
    sessionPresent: false,
    reasonCode: 0,
  };
  script: Script = () => undefined;
  readonly #server: Server;
  readonly #waiters = new Set<() => void>();

  private constructor() {
    this.#server = createServer((socket) => this.#accept(socket));
  }

  static async start(): Promise<ScriptedServer> {
    const server = new ScriptedServer();
    await new Promise<void>((resolve) => server.#server.listen(0, "127.0.0.1", resolve));
    return server;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === "string") throw new Error("server not listening");
    return address.port;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Packets of one command, in arrival order. */
  packets<C extends Packet["cmd"]>(cmd: C): Extract<Packet, { cmd: C }>[] {
    return this.received.map((r) => r.packet).filter((p): p is Extract<Packet, { cmd: C }> => p.cmd === cmd);
  }

  /** The first received packet at index `from` or later that matches, now or when it arrives. */
  waitFor<C extends Packet["cmd"]>(
    cmd: C,
    options: {
      from?: number;
      where?: (packet: Extract<Packet, { cmd: C }>) => boolean;
      timeoutMs?: number;
    } = {},
  ): Promise<Extract<Packet, { cmd: C }> & { connection: number; index: number }> {
    const { from = 0, where = () => true, timeoutMs = 3000 } = options;
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let index = from; index < this.received.length; index++) {
          const entry = this.received[index] as ReceivedPacket;
          if (entry.packet.cmd === cmd && where(entry.packet as Extract<Packet, { cmd: C }>)) {
            done();
            resolve(
              Object.assign(entry.packet as Extract<Packet, { cmd: C }>, {
                connection: entry.connection,
                index,
              }),
            );
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${cmd} packet from index ${from} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** The connection with the given index, once it exists. */
  async connection(index: number): Promise<ScriptedConnection> {
    await this.waitFor("connect", {
      where: () => this.connections.length > index,
    });
    return this.connections[index] as ScriptedConnection;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.drop();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    const connection = new ScriptedConnection(this.connections.length, socket);
    this.connections.push(connection);
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    parser.on("packet", (packet: Packet) => {
      this.received.push({ connection: connection.index, packet });
      if (this.script(packet, connection) !== true) this.#reply(packet, connection);
      for (const check of [...this.#waiters]) check();
    });
    parser.on("error", () => socket.destroy());
    socket.on("data", (chunk: Buffer) => parser.parse(chunk));
    socket.on("error", () => socket.destroy());
  }

  #reply(packet: Packet, connection: ScriptedConnection): void {
    if (packet.cmd === "connect") connection.send({ cmd: "connack", ...this.connack });
    if (packet.cmd === "subscribe") {
      const suback: ISubackPacket = {
        cmd: "suback",
        messageId: packet.messageId as number,
        granted: packet.subscriptions.map((s) => s.qos),
      };
      connection.send(suback);
    }
    if (packet.cmd === "pingreq") connection.send({ cmd: "pingresp" });
  }
}
