/**
 * Which section a heading names. Matching ignores case, spacing, hyphens and plural/spelling variants so
 * that later revisions of the reference ("Success response", "Pseudocode Sample", "Acknowledgement")
 * read the same (docs/protocol.md#reading-the-reference).
 */

export type TopLevelKind = "connection" | "operations" | "responses";

/** The `####` sections of an operation, in the order they must appear. */
export type OperationSectionKind =
  | "request"
  | "message"
  | "success-response"
  | "success-ack"
  | "alternative-responses"
  | "alternative-acks"
  | "pseudo-code";

/** `Pseudo-code Sample` → `pseudocodesample`. */
function squash(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

const TOP_LEVEL: readonly (readonly [TopLevelKind, RegExp])[] = [
  ["connection", /^connections?$/],
  ["operations", /^operations?$/],
  ["responses", /^responses?$/],
];

const OPERATION_SECTIONS: readonly (readonly [OperationSectionKind, RegExp])[] = [
  ["request", /^requests?$/],
  ["message", /^messages?$/],
  ["success-response", /^successresponses?$/],
  ["success-ack", /^successacknowledge?ments?$/],
  ["alternative-responses", /^alternat(iv)?eresponses?$/],
  ["alternative-acks", /^alternat(iv)?eacknowledge?ments?$/],
  ["pseudo-code", /^pseudocode(samples?|examples?)?$/],
];

export function topLevelKind(title: string): TopLevelKind | undefined {
  const key = squash(title);
  return TOP_LEVEL.find(([, pattern]) => pattern.test(key))?.[0];
}

export function operationSectionKind(title: string): OperationSectionKind | undefined {
  const key = squash(title);
  return OPERATION_SECTIONS.find(([, pattern]) => pattern.test(key))?.[0];
}

/** Position of a section kind in the canonical order; the two spellings of one role share a rank. */
export function sectionRank(kind: OperationSectionKind): number {
  switch (kind) {
    case "request":
    case "message":
      return 0;
    case "success-response":
    case "success-ack":
      return 1;
    case "alternative-responses":
    case "alternative-acks":
      return 2;
    case "pseudo-code":
      return 3;
  }
}
