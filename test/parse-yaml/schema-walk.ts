/**
 * Walks a value together with the JSON Schema of the YAML format and lists where they disagree. It
 * knows only the keywords api.schema.json uses (no validator is installed); a keyword it does not know
 * is itself a finding, so the schema cannot silently outgrow the check.
 */
type Schema = { readonly [keyword: string]: unknown };

const KNOWN_KEYWORDS = new Set([
  "$schema",
  "$id",
  "$ref",
  "$defs",
  "title",
  "description",
  "type",
  "const",
  "enum",
  "pattern",
  "minLength",
  "minimum",
  "maximum",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minProperties",
  "maxProperties",
  "allOf",
  "if",
  "then",
  "not",
  "anyOf",
]);

export function schemaFindings(value: unknown, root: Schema): string[] {
  return findingsOf(value, root, root);
}

/** What `schema`, a part of `root` (against which references resolve), finds in `value`. */
function findingsOf(value: unknown, schema: Schema, root: Schema): string[] {
  const findings: string[] = [];
  walk(value, schema, "$", root, findings);
  return findings;
}

function walk(value: unknown, schema: Schema, path: string, root: Schema, findings: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) findings.push(`${path}: schema keyword ${keyword} is not checked`);
  }
  if (typeof schema.$ref === "string") walk(value, resolve(schema.$ref, root), path, root, findings);
  if (schema.type !== undefined && !typesOf(value).some((type) => [schema.type].flat().includes(type))) {
    findings.push(`${path}: ${JSON.stringify(value)} is not of type ${JSON.stringify(schema.type)}`);
  }
  if ("const" in schema && schema.const !== value) findings.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    findings.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === "string") checkString(value, schema, path, findings);
  if (typeof value === "number") checkNumber(value, schema, path, findings);
  if (Array.isArray(value) && isSchema(schema.items)) {
    const items = schema.items;
    value.forEach((item, index) => walk(item, items, `${path}[${index}]`, root, findings));
  }
  if (isObject(value)) checkObject(value, schema, path, root, findings);
}

function checkString(value: string, schema: Schema, path: string, findings: string[]): void {
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    findings.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeof schema.minLength === "number" && value.length < schema.minLength) findings.push(`${path}: too short`);
}

function checkNumber(value: number, schema: Schema, path: string, findings: string[]): void {
  if (typeof schema.minimum === "number" && value < schema.minimum) findings.push(`${path}: below minimum`);
  if (typeof schema.maximum === "number" && value > schema.maximum) findings.push(`${path}: above maximum`);
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  path: string,
  root: Schema,
  findings: string[],
): void {
  const keys = Object.keys(value);
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) if (!keys.includes(key)) findings.push(`${path}: lacks required ${key}`);
  }
  if (typeof schema.minProperties === "number" && keys.length < schema.minProperties)
    findings.push(`${path}: too few keys`);
  if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties)
    findings.push(`${path}: too many keys`);
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const key of keys) {
    const declared = properties[key];
    const sub = isSchema(declared) ? declared : schema.additionalProperties;
    if (sub === false) findings.push(`${path}: key ${key} is not in the schema`);
    else if (isSchema(sub)) walk(value[key], sub, `${path}.${key}`, root, findings);
  }
  for (const clause of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (
      isSchema(clause) &&
      isSchema(clause.if) &&
      isSchema(clause.then) &&
      findingsOf(value, clause.if, root).length === 0
    ) {
      walk(value, clause.then, path, root, findings);
    }
  }
  if (isSchema(schema.not) && findingsOf(value, schema.not, root).length === 0)
    findings.push(`${path}: matches a forbidden shape`);
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((option) => isSchema(option) && findingsOf(value, option, root).length === 0)
  ) {
    findings.push(`${path}: matches none of anyOf`);
  }
}

function resolve(ref: string, root: Schema): Schema {
  const target = ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), root);
  if (!isSchema(target)) throw new Error(`unresolved $ref ${ref}`);
  return target;
}

function typesOf(value: unknown): string[] {
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["array"];
  if (typeof value === "number") return Number.isInteger(value) ? ["integer", "number"] : ["number"];
  return [typeof value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is Schema {
  return isObject(value);
}
