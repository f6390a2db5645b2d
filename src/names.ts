/**
 * How generated identifiers are spelled from the spec's names. Which names each generated file declares
 * is src/declarations.ts's list, built with these; validation checks that list, so a name that passes
 * validation is always a usable identifier and emitters never have to check.
 */
import type { CatalogResponseModel, PropertyModel } from "./model.js";

/** Reserved words of JavaScript and TypeScript, including strict-mode and contextual ones that break declarations. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await any boolean number string " +
    "symbol bigint never unknown object undefined arguments eval constructor prototype"
  ).split(" "),
);

function words(text: string): string[] {
  return text
    .normalize("NFC")
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

export function pascalCase(text: string): string {
  return words(text).map(capitalise).join("");
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** Whether `name` is spelled as an identifier (reserved words included). */
export function isIdentifierName(name: string): boolean {
  return /^[\p{ID_Start}_$][\p{ID_Continue}$\u200C\u200D]*$/u.test(name);
}

/** Whether `name` can stand as a binding identifier in generated code. */
export function isUsableIdentifier(name: string): boolean {
  return isIdentifierName(name) && !RESERVED_WORDS.has(name);
}

/**
 * Whether `name` can stand as a member of a generated interface, class or object: any identifier name,
 * reserved words included (`readonly default: string`, `delete()`), but none of the names that address an
 * object's own machinery.
 */
export function isUsableMember(name: string): boolean {
  return isIdentifierName(name) && !OBJECT_INTERNALS.has(name);
}

/** Names that address an object's prototype machinery (or a class's constructor) when used as keys. */
export const OBJECT_INTERNALS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Key of a property in typed property objects: `if-version` → `ifVersion`, `Content Type` → `contentType`. */
export function propertyKey(property: Pick<PropertyModel, "name">): string {
  return camelCase(property.name);
}

/** Enum member and error-class stem of a catalog status: `Target Unavailable` → `TargetUnavailable`. */
export function statusMemberName(response: Pick<CatalogResponseModel, "name">): string {
  return pascalCase(response.name);
}

/** Generated type of a named payload (`Twin`, `TwinState`). */
export function payloadTypeName(name: string): string {
  return pascalCase(name);
}

/** A spec file name as a type-name stem; a name that would not start an identifier gets an `Api` prefix. */
export function specStem(specName: string): string {
  const stem = pascalCase(specName);
  return /^[A-Za-z]/.test(stem) ? stem : `Api${stem}`;
}

/** Key of a topic parameter in typed call objects: `{name}` → `name`, `{device-id}` → `deviceId`. */
export function topicParameterKey(parameter: string): string {
  return camelCase(parameter);
}
