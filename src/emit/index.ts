/**
 * The emit stage: every emitter's files for one validated model, each with its header, formatted when a
 * prettier configuration asks for it.
 */
import type { ApiModel } from "../model.js";
import { formatText } from "./format.js";
import { withHeader } from "./header.js";
import { asyncApiEmitter } from "./asyncapi/emitter.js";
import { clientEmitter } from "./client/emitter.js";
import { htmlEmitter } from "./docs/html.js";
import { referenceEmitter } from "./docs/reference.js";
import { messagesEmitter } from "./messages/emitter.js";
import { payloadsEmitter } from "./payloads/emitter.js";
import { serverEmitter } from "./server/emitter.js";
import { statusEmitter } from "./status/emitter.js";
import type { EmitContext, EmittedFile, Emitter } from "./types.js";

export const EMITTERS: readonly Emitter[] = [statusEmitter, payloadsEmitter, messagesEmitter, clientEmitter, serverEmitter, referenceEmitter, htmlEmitter, asyncApiEmitter];

export interface RenderOptions {
  /** Run prettier with this configuration (`{}` for prettier's defaults); skip formatting when absent. */
  readonly prettierConfig?: Record<string, unknown>;
}

/** A generated file's final text, keyed by its path relative to the spec's output directory. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

export async function renderSpec(model: ApiModel, context: EmitContext, options: RenderOptions = {}): Promise<RenderedFile[]> {
  const facts = { ...context, apiVersion: model.apiVersion };
  const emitted: EmittedFile[] = EMITTERS.flatMap((emitter) => emitter.emit(model, context));
  const rendered = await Promise.all(
    emitted.map(async (file) => {
      const text = withHeader(file.format, file.content, facts);
      const content = options.prettierConfig ? await formatText(text, file.format, { config: options.prettierConfig }) : text;
      return { path: file.path, content };
    }),
  );
  return rendered.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
