/**
 * A change between two specs, and the recorder the comparison code reports facts to. The recorder
 * selects the rule from the catalogue (`rules.ts`), fills its message and places it in both files, so the
 * comparison code never decides a severity or writes a message itself.
 */
import type { SourceSpan } from "../model.js";
import type { DialectProfile } from "./dialect.js";
import { compareRules, RULES, rulesFor, type Category, type Condition, type Fact, type Flow, type RuleId, type Severity } from "./rules.js";

/** A place in one of the two specs (or a schema sidecar beside it). */
export interface ChangeLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One change, as every output format shows it (`changes.schema.json` describes its JSON form). */
export interface Change {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly category: Category;
  /** Id of the operation concerned (NEW's, or OLD's when it is gone); null for API-wide changes. */
  readonly operation: string | null;
  readonly message: string;
  /** Where the changed node is in OLD; null when OLD does not have it (an addition). */
  readonly old: ChangeLocation | null;
  /** Where the changed node is in NEW; for a removal, the node it was removed from. */
  readonly new: ChangeLocation | null;
}

/** What `diffModels` needs besides the two models. */
export interface DiffContext {
  /** How locations in OLD name its file (`api/iothub.md`, `git:origin/main:api/iothub.md`). */
  readonly oldFile: string;
  readonly newFile: string;
  /** Overrides the dialect each model is read in (`dialectOf`); for dialects no spec can declare yet. */
  readonly dialects?: { readonly old: DialectProfile; readonly new: DialectProfile };
}

/** Where a fact happened. Spans without a file are in the spec itself. */
export interface Site {
  readonly operation?: string;
  readonly old?: SourceSpan;
  readonly new?: SourceSpan;
}

export type Params = Readonly<Record<string, string>>;

/** How a fact is judged: in which flows it happened, and what holds for its receiver in each. */
export interface Judgement {
  /** Absent for facts that do not depend on who sends the message. */
  readonly flows?: readonly Flow[];
  readonly conditions?: (flow: Flow | undefined) => readonly Condition[];
}

export class ChangeRecorder {
  readonly #changes: Change[] = [];
  readonly #oldFile: string;
  readonly #newFile: string;

  constructor(context: Pick<DiffContext, "oldFile" | "newFile">) {
    this.#oldFile = context.oldFile;
    this.#newFile = context.newFile;
  }

  /**
   * Records a fact once. When it happened in several flows (a payload type both sides send), the worst
   * rule among them is the one reported.
   */
  report(fact: Fact, site: Site, params: Params, judgement: Judgement = {}): void {
    const flows: readonly (Flow | undefined)[] = judgement.flows === undefined || judgement.flows.length === 0 ? [undefined] : judgement.flows;
    const candidates = flows.map((flow) => selectRule(fact, flow, new Set(judgement.conditions?.(flow) ?? [])));
    const id = [...candidates].sort(compareRules)[0] as RuleId;
    const entry = RULES[id];
    this.#changes.push({
      rule: id,
      severity: entry.severity,
      category: entry.category,
      operation: site.operation ?? null,
      message: fillTemplate(entry.message, params),
      old: this.#locate(site.old, this.#oldFile),
      new: this.#locate(site.new, this.#newFile),
    });
  }

  changes(): readonly Change[] {
    return this.#changes;
  }

  #locate(span: SourceSpan | undefined, file: string): ChangeLocation | null {
    if (span === undefined) return null;
    return { file: span.file ?? file, line: span.start.line, column: span.start.column };
  }
}

function selectRule(fact: Fact, flow: Flow | undefined, conditions: ReadonlySet<Condition>): RuleId {
  const found = rulesFor(fact, flow, conditions);
  if (found.length !== 1) {
    throw new Error(`the rule catalogue selects ${found.length} rules for ${fact} in flow ${flow ?? "none"}: ${found.join(", ")}`);
  }
  return found[0] as RuleId;
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in a report site. */
export function fillTemplate(template: string, params: Params): string {
  return template.replace(/\{([a-z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message template "${template}" needs {${name}}`);
    return value;
  });
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A value from a spec as a markdown code span, fenced so that backticks inside cannot close it, with
 * control characters written as escapes so that every message stays one line.
 */
export function code(value: string | number): string {
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** An optional value from a spec as a code span, or `none`. */
export function codeOrNone(value: string | undefined): string {
  return value === undefined ? "none" : code(value);
}
