/**
 * Types shared by the emit stage and the pipeline. Emitting turns the validated model into files, in
 * memory; the pipeline writes them. The emit stage never writes to disk and never imports a parser.
 */
import type { FamilyEmitContext } from "./family/context.js";

/** How a file is formatted and which comment syntax its header uses. */
export type OutputFormat = "typescript" | "markdown" | "html" | "yaml";

/** What rendering may know about the run besides the model. */
export interface EmitContext {
  /** The spec's name: its file name without extension (`iothub`). */
  readonly specName: string;
  /** The input path as shown in headers, relative to the project root with `/` separators. */
  readonly inputPath: string;
  readonly inputSha256: string;
  /** Further files the model was read from (a payload schema sidecar), each named in headers. */
  readonly additionalInputs?: readonly { readonly path: string; readonly sha256: string }[];
  readonly toolVersion: string;
  /** The command that regenerates the output, as headers show it; `npx mqttgen generate <inputPath>` by default. */
  readonly regenerateCommand?: string;
  /** The api-versions generated beside this one, for the docs' version switcher and changelog; absent outside a family. */
  readonly family?: FamilyEmitContext;
}
