/**
 * What the emit stage knows of a spec family (src/config/family.ts) when it renders one version: every
 * version's label, this one's, and the changes from the version before, which the pipeline computes with
 * `mqttgen diff` (src/diff) so that the emit stage reads no other spec.
 */
import type { Change } from "../../diff/index.js";

export interface FamilyEmitContext {
  /** Every version's label, oldest first: the directory names the versions are generated into. */
  readonly labels: readonly string[];
  /** This version's label. */
  readonly current: string;
  /** The changes from the version before; absent for the oldest. */
  readonly changelog?: FamilyChangelog;
}

export interface FamilyChangelog {
  readonly previousLabel: string;
  readonly previousApiVersion: string;
  readonly changes: readonly Change[];
  /** The files the version before was read from (its spec, then a schema sidecar), which the changelog's header names. */
  readonly previousInputs: readonly { readonly path: string; readonly sha256: string }[];
}
