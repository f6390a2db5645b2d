/** Types of redis-server.js. */
export declare const REDIS_SERVER: string;

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for `createClient({ url })`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts an empty Redis and resolves once it accepts connections. */
export declare function startRedis(): Promise<RedisServer>;
