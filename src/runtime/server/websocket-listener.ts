/**
 * MQTT over WebSockets for the embedded endpoint (MQTT 5 §6), for clients in a browser: an HTTP server (an
 * HTTPS one for `wss://` when given TLS options) that upgrades to WebSocket (the `ws` package) with the `mqtt`
 * subprotocol, each connection wrapped as a duplex byte stream and handed to the same connection handling,
 * limits and guard as a TCP socket. WebSocket message boundaries mean nothing to MQTT: the frame reader
 * reassembles packets from the byte stream.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { TLSSocket, type TlsOptions } from "node:tls";
import { createWebSocketStream, WebSocketServer } from "ws";

export interface WebSocketListenerOptions {
  /** Interface to listen on; defaults to the endpoint's host (loopback unless it says otherwise). */
  readonly host?: string;
  /** 0 picks a free port (read it from `webSocketAddress()`); default 8080. */
  readonly port?: number;
  /** The URL path clients connect to; default `/mqtt`, as MQTT.js and most brokers use. */
  readonly path?: string;
  /** When set, the listener speaks TLS (`wss://`) with these `node:tls` server options, as the endpoint's `tls`. */
  readonly tls?: TlsOptions;
}

/** A connection's byte stream, with its TLS socket when the listener speaks TLS (for SNI and a client certificate). */
export type WebSocketStreamHandler = (stream: Duplex, tlsSocket: TLSSocket | undefined) => void;

/** The subprotocol an MQTT client must offer (MQTT 5 §6.0.0-3) and the server selects. */
const MQTT_SUBPROTOCOL = "mqtt";

/** Any request that is not an upgrade is told to upgrade. */
function upgradeRequired(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(426, { Upgrade: "websocket" }).end();
}

export class WebSocketListener {
  readonly #http: ReturnType<typeof createHttpServer> | ReturnType<typeof createHttpsServer>;
  readonly #sockets: WebSocketServer;
  readonly #options: WebSocketListenerOptions;

  /**
   * `maximumMessageBytes` bounds one WebSocket message (the endpoint passes its maximum packet size): a
   * larger one closes the connection before it is buffered. Compression stays off, so a small message
   * cannot inflate into a large one.
   */
  constructor(options: WebSocketListenerOptions, maximumMessageBytes: number, onStream: WebSocketStreamHandler) {
    this.#options = options;
    this.#http =
      options.tls === undefined ? createHttpServer(upgradeRequired) : createHttpsServer(options.tls, upgradeRequired);
    this.#sockets = new WebSocketServer({
      server: this.#http,
      path: options.path ?? "/mqtt",
      maxPayload: maximumMessageBytes,
      perMessageDeflate: false,
      handleProtocols: (offered) => (offered.has(MQTT_SUBPROTOCOL) ? MQTT_SUBPROTOCOL : false),
    });
    this.#sockets.on("connection", (socket, request) => {
      if (socket.protocol !== MQTT_SUBPROTOCOL) {
        socket.close(1002, "the mqtt subprotocol is required");
        return;
      }
      onStream(createWebSocketStream(socket), request.socket instanceof TLSSocket ? request.socket : undefined);
    });
    // A failed upgrade or a socket error concerns that client only; the listener keeps serving.
    this.#sockets.on("error", () => {});
  }

  listen(defaultHost: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#http.once("error", reject);
      this.#http.listen(this.#options.port ?? 8080, this.#options.host ?? defaultHost, () => {
        this.#http.off("error", reject);
        resolve(this.address());
      });
    });
  }

  address(): AddressInfo {
    const address = this.#http.address();
    if (address === null || typeof address === "string") throw new Error("WebSocket listener is not listening");
    return address;
  }

  /** Stops accepting; connections already handed over close with the endpoint's own. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#sockets.close();
      this.#http.close(() => resolve());
    });
  }
}
