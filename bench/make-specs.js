// Builds synthetic specs of N operations from the seed reference by repeating its operations under new
// names and topics, so the generator is measured on inputs of the seed's shape at scale. Each gets a copy
// of the seed's payload schema sidecar, which defines the payload types its operations name.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes `<dir>/ops<N>.md` and `<dir>/ops<N>.schemas.json` for each N and returns the specs' paths. */
export function makeSyntheticSpecs(seedPath, dir, sizes) {
  const seed = readFileSync(seedPath, "utf8");
  const start = seed.indexOf("\n### ", seed.indexOf("## Operations"));
  const end = seed.indexOf("\n## Responses");
  const head = seed.slice(0, start);
  const tail = seed.slice(end);
  const blocks = seed.slice(start, end).split(/(?=\n### )/);
  mkdirSync(dir, { recursive: true });
  return sizes.map((size) => {
    const operations = [];
    for (let i = 0; i < size; i++) {
      const block = blocks[i % blocks.length];
      const n = Math.floor(i / blocks.length);
      operations.push(n === 0 ? block : renumber(block, n));
    }
    const path = join(dir, `ops${size}.md`);
    writeFileSync(path, head + operations.join("") + tail);
    copyFileSync(seedPath.replace(/\.md$/, ".schemas.json"), join(dir, `ops${size}.schemas.json`));
    return path;
  });
}

/** A copy of one operation with a distinct heading and topic (`$iothub/twin/get` → `$iothub/twin/get/n7`). */
function renumber(block, n) {
  return block
    .replace(/^(\n### .*)$/m, `$1 N${n}`)
    .replace(/\$iothub\/([A-Za-z/{}]+)/g, (_, rest) => (rest === "responses" ? "$iothub/responses" : `$iothub/${rest}/n${n}`));
}
