/**
 * The Correlation Data a device client puts on its requests (docs/protocol.md#correlation-data, #interactions): opaque bytes the
 * reply echoes byte for byte (IoT Hub allows 16; these are 8 random bytes, or a 4-byte counter).
 */
import { Buffer } from "buffer";
import { randomBytes } from "../bytes.js";

/** `random`: 8 random bytes per request (default). `counter`: a 4-byte little-endian counter, as the sample does. */
export type CorrelationKind = "random" | "counter";

export const MAX_CORRELATION_BYTES = 16;

const RANDOM_BYTES = 8;
/** Random correlations are cut from a pool drawn this many at a time: one draw per request cost 10 % of a request's CPU. */
const RANDOM_POOL_REQUESTS = 512;

export function correlationSource(kind: CorrelationKind): () => Buffer {
  if (kind === "random") return randomCorrelations();
  let counter = 0;
  return () => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(counter);
    counter = (counter + 1) >>> 0;
    return bytes;
  };
}

/** Views into a pool of random bytes; each view is handed out once, so no two requests share bytes. */
function randomCorrelations(): () => Buffer {
  let pool: Buffer = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === pool.length) {
      pool = randomBytes(RANDOM_BYTES * RANDOM_POOL_REQUESTS);
      offset = 0;
    }
    offset += RANDOM_BYTES;
    return pool.subarray(offset - RANDOM_BYTES, offset);
  };
}
