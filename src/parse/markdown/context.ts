/** What every reader of the markdown front end shares: the source text, its path, and the problems found. */
import { diagnostic, type Diagnostic, type DiagnosticCode } from "../../diagnostics.js";
import type { SourceSpan } from "../../model.js";

export interface MarkdownContext {
  readonly text: string;
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

export function createContext(text: string, file: string): MarkdownContext {
  return { text, file, diagnostics: [] };
}

export function report(
  context: MarkdownContext,
  code: DiagnosticCode,
  message: string,
  span: SourceSpan | undefined,
): void {
  context.diagnostics.push(diagnostic(code, message, context.file, span));
}
