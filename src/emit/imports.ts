/**
 * The imports of one generated file, collected from what its view-model uses (as protobuf-es's
 * GeneratedFile does): asking for a symbol returns the name to print and records the import, so a file
 * imports exactly what it names and no list is kept by hand. Printed one statement per module, `node:`
 * modules first, then packages, then sibling files, each group and each name list in code-point order.
 */
export interface ImportView {
  /** `import`, or `import type` when every name of the statement is a type. */
  readonly keyword: string;
  /** `a`, `type B`; empty for a namespace import. */
  readonly names: readonly string[];
  readonly from: string;
  /** Set for `import [type] * as <namespace>`. */
  readonly namespace: string;
}

interface Named {
  readonly values: Set<string>;
  readonly types: Set<string>;
}

export class ImportCollector {
  readonly #named = new Map<string, Named>();
  readonly #namespaces = new Map<string, { readonly namespace: string; typeOnly: boolean }>();

  /** A value (class, function, constant) of `from`. */
  value(name: string, from: string): string {
    this.#module(from).values.add(name);
    return name;
  }

  /** A type of `from`. */
  type(name: string, from: string): string {
    this.#module(from).types.add(name);
    return name;
  }

  /** `namespace.member`, importing `from` as `namespace` (a value import). */
  namespaceMember(namespace: string, from: string, member: string): string {
    this.#namespace(namespace, from, false);
    return `${namespace}.${member}`;
  }

  /** `namespace.member` for a type, importing `from` as `namespace` (`import type` unless a value is used too). */
  namespaceType(namespace: string, from: string, member: string): string {
    this.#namespace(namespace, from, true);
    return `${namespace}.${member}`;
  }

  views(): ImportView[] {
    const named: ImportView[] = [...this.#named].map(([from, { values, types }]) => {
      const typeOnly = values.size === 0;
      const names = [...new Set([...values, ...types])].sort(byCodePoint).map((name) =>
        typeOnly || values.has(name) ? name : `type ${name}`,
      );
      return { keyword: typeOnly ? "import type" : "import", names, from, namespace: "" };
    });
    const namespaces: ImportView[] = [...this.#namespaces].map(([from, { namespace, typeOnly }]) => ({
      keyword: typeOnly ? "import type" : "import",
      names: [],
      from,
      namespace,
    }));
    return [...named, ...namespaces].sort((a, b) => moduleRank(a.from) - moduleRank(b.from) || byCodePoint(a.from, b.from));
  }

  #module(from: string): Named {
    let named = this.#named.get(from);
    if (named === undefined) {
      named = { values: new Set(), types: new Set() };
      this.#named.set(from, named);
    }
    return named;
  }

  #namespace(namespace: string, from: string, typeOnly: boolean): void {
    const existing = this.#namespaces.get(from);
    if (existing === undefined) this.#namespaces.set(from, { namespace, typeOnly });
    else if (existing.namespace !== namespace) throw new Error(`${from} is imported as ${existing.namespace} already`);
    else existing.typeOnly &&= typeOnly;
  }
}

function moduleRank(from: string): number {
  if (from.startsWith("node:")) return 0;
  return from.startsWith(".") ? 2 : 1;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
