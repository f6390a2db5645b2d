/** What every reader of the markdown front end shares: the source text and the problems found. */
import type { DiagnosticCollector } from "../../diagnostics.js";

export interface MarkdownContext {
  readonly text: string;
  readonly diagnostics: DiagnosticCollector;
}
