/** Types of mosquitto-broker.js. */
export declare const MOSQUITTO: string;

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the broker and resolves once it accepts connections; rejects (and cleans up) if it does not. */
export declare function startMosquitto(): Promise<Mosquitto>;
