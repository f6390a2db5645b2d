/** MQTT packets written out by hand in tests, independently of the runtime's encoder. */

/** A Remaining Length as a Variable Byte Integer (MQTT 5 §1.5.5). */
export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return Buffer.from(bytes);
}

/** A packet with this first byte and body, its Remaining Length encoded as §1.5.5 says. */
export function framed(first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first]), remainingLength(body.length), body]);
}
