/**
 * The payload validators of an API: Ajv's standalone code (JSON Schema draft 2020-12), generated at
 * generate time into `validators.js` with its types in `validators.d.ts`, so that a generated folder checks
 * payloads with nothing from the generator or from Ajv at run time. Ajv's code is plain JavaScript that no
 * strict TypeScript setting accepts, hence the `.js` + `.d.ts` pair; the two helpers it calls come from the
 * runtime (`ucs2length`, `jsonEqual`). Every payload type with a schema gets `validate<Type>`, the runtime's
 * `PayloadValidator` shape; the schemas refer to each other as `#/$defs/<Type>`.
 */
import { createRequire } from "node:module";
import type { Options } from "ajv";
import type { ApiModel, JsonValue } from "../../model.js";
import { declarationsOf } from "../../declarations.js";
import { RUNTIME_SHARED } from "../runtime-modules.js";

const load = createRequire(import.meta.url);

/**
 * The payload types `validators.js` checks: those with a JSON Schema that Ajv compiles. A schema Ajv
 * refuses (an empty `enum`) gets no validator rather than failing the run; its payloads go unchecked.
 */
export function validatedPayloadTypes(model: ApiModel): ReadonlySet<string> {
  let names = compiled.get(model);
  if (names === undefined) {
    const schemas = schemasOf(model);
    names = new Set(schemas.flatMap(([name]) => (compiles(schemas, name) ? [name] : [])));
    compiled.set(model, names);
  }
  return names;
}

/**
 * The payload types whose validators the API table attaches, so that the receiving side refuses a payload
 * that breaks its schema with the bad-request outcome. Not in the `iothub` dialect: IoT Hub servers check
 * payloads in their handlers and answer with reasons of their own, and a spec in that dialect keeps its
 * wire behaviour exactly (the seed's schemas are shapes assumed in docs/protocol.md#twin-json, its end-to-end tests pin
 * the hub's reasons). Its `validators.js` is generated all the same, for applications to call.
 */
export function checkedPayloadTypes(model: ApiModel): ReadonlySet<string> {
  return model.dialect.name === "iothub" ? new Set() : validatedPayloadTypes(model);
}

const compiled = new WeakMap<ApiModel, ReadonlySet<string>>();

type NamedSchemas = readonly (readonly [string, JsonValue])[];

function schemasOf(model: ApiModel): NamedSchemas {
  return model.payloadTypes.flatMap((type) => (type.schema === undefined ? [] : [[type.name, type.schema] as const]));
}

function compiles(schemas: NamedSchemas, name: string): boolean {
  try {
    newAjv(schemas).getSchema(`payloads#/$defs/${name}`);
    return true;
  } catch {
    return false;
  }
}

/** Ajv for draft 2020-12 with every payload type under `payloads#/$defs/`, emitting ES module source. */
function newAjv(schemas: NamedSchemas): AjvInstance {
  const Ajv2020 = (load("ajv/dist/2020.js") as { default: new (options: Options) => AjvInstance }).default;
  // `strict: false`: a spec's schema may use annotations and formats Ajv does not know; they check nothing.
  // `validateSchema: false`: what the meta-schema alone refuses still compiles, to what it says.
  const ajv = new Ajv2020({ code: { source: true, esm: true, lines: true }, strict: false, validateSchema: false });
  ajv.addSchema({ $id: "payloads", $defs: Object.fromEntries(schemas) });
  return ajv;
}

/** Ajv's helpers that standalone code `require`s, and the runtime export standing in for each. */
const RUNTIME_HELPERS: Readonly<Record<string, string>> = {
  'require("ajv/dist/runtime/ucs2length").default': "ucs2length",
  'require("ajv/dist/runtime/equal").default': "jsonEqual",
};

const HELPER_LINE = /^const (\w+) = (require\("[^"]+"\)\.\w+);$/gm;

/** `validators.js`: the standalone validators as an ES module, Ajv's helpers imported from the runtime. */
export function validatorsJs(model: ApiModel, specName: string): string {
  const checked = validatedPayloadTypes(model);
  if (checked.size === 0) return "// This API defines no payload schema to check.\nexport {};\n";
  const standaloneCode = (load("ajv/dist/standalone/index.js") as { default: StandaloneCode }).default;
  const names = declarationsOf(model, specName).validators;
  const exports = Object.fromEntries([...checked].map((name) => [names.get(name) ?? "", `payloads#/$defs/${name}`]));
  const code = standaloneCode(newAjv(schemasOf(model)), exports).replace(/^"use strict";\n/, "");
  const text = code.replace(HELPER_LINE, (line, local: string, required: string) => {
    const helper = RUNTIME_HELPERS[required];
    if (helper === undefined) throw new Error(`the payload validators need ${required}, which the runtime does not provide`);
    return `import { ${helper} as ${local} } from ${JSON.stringify(RUNTIME_SHARED)};`;
  });
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** `validators.d.ts`: each validator typed as the runtime's `PayloadValidator`. */
export function validatorsDts(model: ApiModel, specName: string): string {
  const validators = declarationsOf(model, specName).validators;
  const names = [...validatedPayloadTypes(model)].map((name) => validators.get(name) ?? "");
  if (names.length === 0) return "export {};\n";
  return [
    `import type { PayloadValidator } from ${JSON.stringify(RUNTIME_SHARED)};`,
    "",
    ...names.map((name) => `export declare const ${name}: PayloadValidator;`),
    "",
  ].join("\n");
}

interface AjvInstance {
  addSchema(schema: object): unknown;
  getSchema(ref: string): unknown;
}

type StandaloneCode = (ajv: AjvInstance, refs: Readonly<Record<string, string>>) => string;
