/**
 * Reading a spec or sidecar file before any parser sees it: files past `LIMITS.specBytes` are refused
 * unread, and the bytes are decoded strictly, each line's first invalid UTF-8 byte reported where it
 * stands (the text then reads on with U+FFFD in its place, so the rest of the file is still checked).
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { LIMITS, type DiagnosticCollector } from "../diagnostics.js";
import type { SourceSpan } from "../model.js";

/** A file the model was read from, with the hash that generated headers name. */
export interface SpecInput {
  /** As given by the caller (`api/iothub.md`). */
  readonly path: string;
  readonly sha256: string;
}

export interface ReadInput {
  /** `undefined` when the file is too large to read. */
  readonly text: string | undefined;
  readonly input: SpecInput;
}

/**
 * Reads `path`; `file` is how diagnostics name it, and `inSpec` whether it is the spec itself (a sidecar's
 * spans carry their file). Throws only when the file cannot be read.
 */
export function readInput(path: string, file: string, inSpec: boolean, diagnostics: DiagnosticCollector): ReadInput {
  const at = (line: number, column: number): SourceSpan => {
    const point = { line, column };
    return { start: point, end: point, ...(inSpec ? {} : { file }) };
  };
  const size = statSync(path).size;
  if (exceedsLimit(size, at(1, 1), diagnostics)) return { text: undefined, input: { path: file, sha256: "" } };
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) {
    for (const bad of invalidUtf8(bytes)) {
      const byte = `0x${(bytes[bad.offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
      diagnostics.report({ code: "invalid-utf8", format: { byte }, at: at(bad.line, bad.column) });
    }
  }
  return { text: bytes.toString("utf8"), input: { path: file, sha256: createHash("sha256").update(bytes).digest("hex") } };
}

/** Reports a text of `size` bytes past the limit; true when it is. */
export function exceedsLimit(size: number, at: SourceSpan, diagnostics: DiagnosticCollector): boolean {
  if (size <= LIMITS.specBytes) return false;
  diagnostics.report({ code: "spec-too-large", format: { size, limit: LIMITS.specBytes }, at });
  return true;
}

interface InvalidByte {
  readonly offset: number;
  readonly line: number;
  /** 1-based, counted in the decoded text's UTF-16 units, as the parsers count columns. */
  readonly column: number;
}

/** The first invalid byte of each line (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
function invalidUtf8(bytes: Buffer): InvalidByte[] {
  const found: InvalidByte[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte === 0x0a) {
      line += 1;
      lineStart = index + 1;
      index += 1;
      continue;
    }
    const length = sequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    if (found.at(-1)?.line !== line) {
      found.push({ offset: index, line, column: bytes.toString("utf8", lineStart, index).length + 1 });
    }
    index += 1;
  }
  return found;
}

/** The length of the well-formed sequence starting at `index`, or 0 when there is none. */
function sequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0) return 0;
  const second = bytes[index + 1] ?? 0;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k += 1) {
    const next = bytes[index + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}
