/**
 * `instanceof` that holds across copies of the runtime. `@mqttgen/runtime` ships an ESM and a CommonJS
 * build; an application that loads both (one dependency imports it, another requires it) has two of each
 * error class, and a plain `instanceof` is false for an error of the other copy: a handler's `StatusError`
 * would then answer as a server error. A branded class marks its prototype with a registry symbol
 * (`Symbol.for`, the same in every copy and realm) and answers `instanceof` by that mark; its subclasses
 * keep the ordinary prototype check unless they are branded themselves.
 */

/** The registry key of a brand; every copy (and version) of the runtime spells it the same. */
function brandSymbol(name: string): symbol {
  return Symbol.for(`@mqttgen/runtime:${name}`);
}

/**
 * Brands `target` under `name` (a literal, not `target.name`, which a minifier may rename): instances of
 * `target` and of its subclasses from any copy of the runtime are then `instanceof target`.
 */
export function brandAcrossCopies(target: abstract new (...args: never[]) => object, name: string): void {
  const brand = brandSymbol(name);
  Object.defineProperty(target.prototype, brand, { value: true });
  Object.defineProperty(target, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      // A subclass inherits this static method: it keeps the ordinary check of its own prototype.
      if (this !== target) return Function.prototype[Symbol.hasInstance].call(this, value);
      return (typeof value === "object" || typeof value === "function") && value !== null && brand in value;
    },
  });
}
