/**
 * What MQTT 5 accepts in a UTF-8 Encoded String (§1.5.4): well-formed UTF-8 (no surrogates, no overlong
 * forms, [MQTT-1.5.4-1]) without U+0000 ([MQTT-1.5.4-2]). Names, meaning topic names, topic filters, the
 * client identifier and the user name, are also refused when they hold a control character
 * (U+0001–U+001F, U+007F–U+009F): §1.5.4 lets a receiver close on those, and the conformance vectors expect
 * it (`topic with U+0001`, `Client ID with U+001F`, …). Property values keep every other character.
 */
import { isUtf8 } from "node:buffer";

export type StringRule = "text" | "name";

/** Why `bytes[start, end)` is not an acceptable string under `rule`, or `undefined` when it is. */
export function stringFault(bytes: Buffer, start: number, end: number, rule: StringRule): string | undefined {
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x20 && byte < 0x7f) continue; // printable ASCII, nearly every byte
    if (byte === 0) return "U+0000 in a string";
    if (byte < 0x80) {
      if (rule === "name") return "control character in a name";
      continue;
    }
    ascii = false;
    // U+0080–U+009F are the two-byte sequences C2 80 to C2 9F.
    if (rule === "name" && byte === 0xc2 && i + 1 < end && (bytes[i + 1] as number) <= 0x9f) {
      return "control character in a name";
    }
  }
  if (!ascii && !isUtf8(bytes.subarray(start, end))) return "string is not well-formed UTF-8";
  return undefined;
}

/** True when a topic name holds a wildcard character, which only filters may ([MQTT-3.3.2-2]). */
export function hasWildcard(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0x2b || byte === 0x23) return true;
  }
  return false;
}
