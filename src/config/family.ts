/**
 * Spec families: several api-versions of one API, generated side by side. A spec file named
 * `<name>@<version>.<ext>` (`api/iothub@2021-04-12.md`) belongs to the family `<name>` together with every
 * other `<name>@….md|yaml|yml` in its directory. A family of two or more generates each version into
 * `<output>/<name>/<version>/` under the type names of `<name>`; a family of one generates into
 * `<output>/<name>/` as any spec does. Versions are ordered by their label as text, so ISO dates (the
 * usual api-version) sort oldest first; each version's changelog is its diff against the one before.
 */
import { readdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { isSpecFile } from "../parse/index.js";

/** One version of a family. */
export interface FamilyVersion {
  /** The text after `@` in the file name: the directory the version is generated into. */
  readonly label: string;
  /** Absolute path of its spec. */
  readonly path: string;
}

/** The family a spec belongs to, with its siblings; only for families of more than one version. */
export interface SpecFamily {
  readonly name: string;
  /** This spec's version. */
  readonly label: string;
  /** Every version, oldest first, this one among them. */
  readonly versions: readonly FamilyVersion[];
}

/** `iothub@2021-04-12.md` → `{ name: "iothub", label: "2021-04-12" }`; undefined for a name without one `@` between two non-empty parts. */
export function familyName(path: string): { readonly name: string; readonly label: string } | undefined {
  const match = /^([^@]+)@([^@]+)$/.exec(basename(path, extname(path)));
  return match === null ? undefined : { name: match[1] as string, label: match[2] as string };
}

/** The family of the spec at `path` when its directory holds another version of it. */
export function specFamily(path: string): SpecFamily | undefined {
  const own = familyName(path);
  if (own === undefined) return undefined;
  const directory = dirname(path);
  const versions = readdirSync(directory)
    .filter((file) => isSpecFile(file) && familyName(file)?.name === own.name)
    .map((file) => ({ label: familyName(file)?.label ?? "", path: join(directory, file) }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return versions.length > 1 ? { ...own, versions } : undefined;
}

/** The stem of a spec's generated type names unless its config entry names one: `api/iothub@2021-04-12.md` → `iothub`. */
export function specTypeName(path: string): string {
  return familyName(path)?.name ?? basename(path, extname(path));
}
