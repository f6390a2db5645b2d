/** Types of mosquitto-broker.js. */
export declare const MOSQUITTO: string;
export declare const MOSQUITTO_PASSWD: string;

export interface MosquittoOptions {
  /** Passwords by user name; without them anonymous clients are allowed. */
  readonly users?: Readonly<Record<string, string>>;
  /** Lines of a Mosquitto ACL file (`user …`, `topic readwrite …`, `pattern readwrite clients/%c/#`). */
  readonly acl?: readonly string[];
  /** Further `mosquitto.conf` lines (`max_queued_messages 0`, `persistence true`). */
  readonly settings?: readonly string[];
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the broker and resolves once it accepts connections; rejects (and cleans up) if it does not. */
export declare function startMosquitto(options?: MosquittoOptions): Promise<Mosquitto>;
