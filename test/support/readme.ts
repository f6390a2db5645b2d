/** Code examples of README.md, which tests compile or run as written. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./cli.js";

/** The first `ts` code fence after the README heading `heading`, given with its hashes ("## Device client"). */
export function readmeCode(heading: string): string {
  const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  const code = at === -1 ? undefined : /^```ts\n([\s\S]*?)^```$/m.exec(readme.slice(at))?.[1];
  if (code === undefined) throw new Error(`README.md has no ts example under "${heading}"`);
  return code;
}
