/**
 * Checks a template against its contract (templates/contracts.json, derived from the view-model types):
 * every path it reads must be a field of the view-model where it stands, with the context `each` and
 * `with` open and `../` leaves, and every helper, partial and decorator it calls must be one mqttgen
 * provides. Handlebars' strict mode catches a missing field only when rendering reaches it; this check
 * catches it in every branch, for every spec.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { pointSpan, projectDiagnostic, type ProjectDiagnostic } from "../project-diagnostics.js";
import { TEMPLATE_HELPERS } from "./render.js";
import type { TemplateName } from "./templates.js";

/** A field's or value's type as templates see it. */
export type Shape =
  | { readonly kind: "scalar"; readonly type: string }
  | { readonly kind: "list"; readonly of: Shape }
  | {
      readonly kind: "object";
      readonly type: string;
      readonly fields?: Readonly<Record<string, Field>>;
    };

type Field = Shape & { readonly optional: boolean; readonly doc: string };

interface ObjectType {
  readonly source: string;
  readonly doc: string;
  readonly fields: Readonly<Record<string, Field>>;
}

export interface TemplateContract {
  readonly viewModel: string;
  readonly types: Readonly<Record<string, ObjectType>>;
}

export interface Contracts {
  readonly templates: Readonly<Record<TemplateName, TemplateContract>>;
}

const CONTRACTS_PATH = join(PACKAGE_ROOT, "templates", "contracts.json");

let contracts: Contracts | undefined;

export function loadContracts(): Contracts {
  contracts ??= JSON.parse(readFileSync(CONTRACTS_PATH, "utf8")) as Contracts;
  return contracts;
}

/** Handlebars' block helpers that templates may use, and how each sets the context of its block. */
const BLOCK_HELPERS = ["if", "unless", "each", "with"] as const;
/** Data variables each sets; `@root` is the view-model everywhere. */
const LOOP_DATA = ["index", "first", "last", "key"];

/** What a path may be read against: a shape, and the scopes outside it for `../`. */
interface Scope {
  readonly shape: Shape;
  readonly parent: Scope | undefined;
  readonly inLoop: boolean;
  /** `as |item index|` names of the block, with their shapes. */
  readonly blockParams: ReadonlyMap<string, Shape>;
}

type Node = hbs.AST.Node;

export function checkTemplate(program: hbs.AST.Program, name: TemplateName, all: Contracts, path: string): ProjectDiagnostic[] {
  const contract = all.templates[name];
  return new TemplateChecker(contract, path, inlinePartials(program)).check(program);
}

class TemplateChecker {
  private readonly problems: ProjectDiagnostic[] = [];
  private readonly root: Shape;
  /** Inline partials being checked, so that a partial that includes itself is checked once. */
  private readonly expanding = new Set<string>();

  constructor(
    private readonly contract: TemplateContract,
    private readonly path: string,
    private readonly partials: ReadonlyMap<string, hbs.AST.Program>,
  ) {
    this.root = { kind: "object", type: contract.viewModel };
  }

  check(program: hbs.AST.Program): ProjectDiagnostic[] {
    this.program(program, {
      shape: this.root,
      parent: undefined,
      inLoop: false,
      blockParams: new Map(),
    });
    return this.problems;
  }

  private program(program: hbs.AST.Program | undefined, scope: Scope): void {
    for (const statement of program?.body ?? []) this.statement(statement, scope);
  }

  private statement(node: Node, scope: Scope): void {
    switch (node.type) {
      case "MustacheStatement":
      case "SubExpression": {
        const call = node as hbs.AST.MustacheStatement;
        this.call(call.path, call.params, call.hash, scope);
        return;
      }
      case "BlockStatement":
        this.block(node as hbs.AST.BlockStatement, scope);
        return;
      case "PartialStatement":
        this.partial(node as hbs.AST.PartialStatement, scope);
        return;
      case "DecoratorBlock":
        // `{{#*inline "name"}}` defines a partial, checked where it is used.
        if (this.pathName((node as hbs.AST.DecoratorBlock).path) !== "inline")
          this.unknown(node, `*${this.pathName((node as hbs.AST.DecoratorBlock).path)}`);
        return;
      case "ContentStatement":
      case "CommentStatement":
        return;
      default:
        this.unknown(node, node.type);
    }
  }

  /** `{{path}}`, `{{helper arg…}}` or `(helper arg…)`. */
  private call(path: hbs.AST.Expression, params: readonly hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, scope: Scope): void {
    const name = this.pathName(path);
    const isHelper = path.type === "PathExpression" && TEMPLATE_HELPERS.includes(name);
    if (params.length > 0 || hash !== undefined) {
      if (!isHelper) {
        this.unknown(path, name);
        return;
      }
      for (const param of params) this.value(param, scope);
      for (const pair of hash?.pairs ?? []) this.value(pair.value, scope);
      return;
    }
    if (!isHelper) this.value(path, scope);
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope): void {
    const name = this.pathName(node.path);
    const helper = BLOCK_HELPERS.find((h) => h === name);
    const [subject] = node.params;
    if (helper === undefined || subject === undefined) {
      this.unknown(node.path, `#${name}`);
      return;
    }
    const shape = this.value(subject, scope);
    const params = node.program.blockParams ?? [];
    switch (helper) {
      case "if":
      case "unless":
        this.program(node.program, scope);
        break;
      case "each": {
        const item: Shape = shape?.kind === "list" ? shape.of : { kind: "scalar", type: "unknown" };
        if (shape !== undefined && shape.kind !== "list") this.mismatch(subject, "a list to loop over", shape);
        const named = new Map(scope.blockParams);
        if (params[0] !== undefined) named.set(params[0], item);
        if (params[1] !== undefined) named.set(params[1], { kind: "scalar", type: "number" });
        this.program(node.program, {
          shape: item,
          parent: scope,
          inLoop: true,
          blockParams: named,
        });
        break;
      }
      case "with": {
        const inner: Shape = shape ?? { kind: "scalar", type: "unknown" };
        const named = new Map(scope.blockParams);
        if (params[0] !== undefined) named.set(params[0], inner);
        this.program(node.program, {
          shape: inner,
          parent: scope,
          inLoop: scope.inLoop,
          blockParams: named,
        });
        break;
      }
    }
    this.program(node.inverse, scope);
  }

  private partial(node: hbs.AST.PartialStatement, scope: Scope): void {
    const name = node.name.type === "PathExpression" ? (node.name as hbs.AST.PathExpression).original : "";
    const body = this.partials.get(name);
    if (body === undefined) {
      this.unknown(node, `> ${name}`);
      return;
    }
    if (this.expanding.has(name)) return;
    this.expanding.add(name);
    const [context] = node.params;
    const shape = context === undefined ? scope.shape : this.value(context, scope);
    this.program(body, shape === undefined ? scope : { ...scope, shape });
    this.expanding.delete(name);
  }

  /** The shape of a value: a literal, a sub-expression (whose result is text), or a path of the view-model. */
  private value(node: hbs.AST.Expression, scope: Scope): Shape | undefined {
    if (node.type === "SubExpression") {
      const call = node as hbs.AST.SubExpression;
      this.call(call.path, call.params, call.hash, scope);
      return { kind: "scalar", type: "string" };
    }
    if (node.type !== "PathExpression") return { kind: "scalar", type: node.type };
    return this.resolve(node as hbs.AST.PathExpression, scope);
  }

  private resolve(path: hbs.AST.PathExpression, scope: Scope): Shape | undefined {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === "root") return this.walk(path, this.root, rest);
      if (head !== undefined && LOOP_DATA.includes(head) && scope.inLoop && rest.length === 0) return { kind: "scalar", type: "number" };
      this.unknown(path, `@${path.parts.join(".")}`);
      return undefined;
    }
    let base: Scope = scope;
    for (let up = 0; up < path.depth; up++) {
      if (base.parent === undefined) {
        const values = { field: path.original, scope: "anything: ../ climbs above the view-model", known: "none" };
        this.problems.push(projectDiagnostic("template-unknown-field", values, this.path, placeOf(path)));
        return undefined;
      }
      base = base.parent;
    }
    const [head, ...rest] = path.parts;
    const param = path.depth === 0 && head !== undefined ? scope.blockParams.get(head) : undefined;
    if (param !== undefined) return this.walk(path, param, rest);
    return this.walk(path, base.shape, path.parts);
  }

  /** Follows `parts` from `shape`, reporting the first part that is no field. */
  private walk(path: hbs.AST.PathExpression, shape: Shape, parts: readonly string[]): Shape | undefined {
    let current = shape;
    for (const part of parts) {
      if (current.kind === "list" && part === "length") {
        current = { kind: "scalar", type: "number" };
        continue;
      }
      const fields = this.fieldsOf(current);
      const next = fields?.[part];
      if (next === undefined) {
        if (current.kind === "scalar" && current.type === "unknown") return current;
        const scopeName = current.kind === "object" && current.type !== "" ? current.type : "this value";
        const known = fields === undefined ? `none (it is ${describe(current)})` : Object.keys(fields).join(", ");
        this.problems.push(
          projectDiagnostic("template-unknown-field", { field: path.original, scope: scopeName, known }, this.path, placeOf(path)),
        );
        return undefined;
      }
      current = next;
    }
    return current;
  }

  private fieldsOf(shape: Shape): Readonly<Record<string, Field>> | undefined {
    if (shape.kind !== "object") return undefined;
    return shape.fields ?? this.contract.types[shape.type]?.fields;
  }

  private mismatch(node: Node, expected: string, shape: Shape): void {
    const field = node.type === "PathExpression" ? (node as hbs.AST.PathExpression).original : node.type;
    this.problems.push(
      projectDiagnostic(
        "template-unknown-field",
        {
          field,
          scope: `a template expecting ${expected}`,
          known: `none (it is ${describe(shape)})`,
        },
        this.path,
        placeOf(node),
      ),
    );
  }

  private unknown(node: Node, name: string): void {
    const known = [
      ...TEMPLATE_HELPERS,
      ...BLOCK_HELPERS.map((h) => `#${h}`),
      "#*inline partials",
      ...[...this.partials.keys()].map((p) => `> ${p}`),
    ].join(", ");
    this.problems.push(projectDiagnostic("template-unknown-helper", { name, known }, this.path, placeOf(node)));
  }

  private pathName(node: hbs.AST.Expression): string {
    return node.type === "PathExpression" ? (node as hbs.AST.PathExpression).original : node.type;
  }
}

function describe(shape: Shape): string {
  switch (shape.kind) {
    case "scalar":
      return `a ${shape.type}`;
    case "list":
      return "a list";
    case "object":
      return shape.type === "" ? "an object" : shape.type;
  }
}

/** Partials the template defines with `{{#*inline "name"}}`, anywhere in it. */
function inlinePartials(program: hbs.AST.Program): Map<string, hbs.AST.Program> {
  const found = new Map<string, hbs.AST.Program>();
  const visit = (node: Node): void => {
    if (node.type === "DecoratorBlock") {
      const block = node as hbs.AST.DecoratorBlock;
      const [name] = block.params;
      if (name?.type === "StringLiteral") found.set((name as hbs.AST.StringLiteral).value, block.program);
      block.program.body.forEach(visit);
    } else if (node.type === "BlockStatement") {
      const block = node as hbs.AST.BlockStatement;
      block.program.body.forEach(visit);
      block.inverse?.body.forEach(visit);
    }
  };
  program.body.forEach(visit);
  return found;
}

function placeOf(node: Node): ReturnType<typeof pointSpan> {
  // Handlebars counts lines from 1 and columns from 0.
  return pointSpan(node.loc.start.line, node.loc.start.column + 1);
}
