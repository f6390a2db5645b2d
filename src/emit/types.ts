/**
 * The contract between the pipeline and its emitters. An emitter turns the validated model into files,
 * in memory; the pipeline adds headers, formats and writes them. Emitters never touch the disk and never
 * import a parser.
 */
import type { ApiModel } from "../model.js";

/** How a file is formatted and which comment syntax its header uses. */
export type OutputFormat = "typescript" | "markdown" | "html" | "yaml";

export interface EmittedFile {
  /** Path relative to the spec's output directory, with `/` separators (`docs/reference.md`). */
  readonly path: string;
  readonly format: OutputFormat;
  /** The file's text without the header; the pipeline formats it. */
  readonly content: string;
}

/** What an emitter may know about the run besides the model. */
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
}

export interface Emitter {
  readonly name: string;
  emit(model: ApiModel, context: EmitContext): EmittedFile[];
}
