/**
 * The rule catalogue as a table: every fact, in every flow and under every receiver condition, selects
 * exactly one rule; every rule is selected by something; the README table, the JSON Schema of the JSON
 * output and the scalar reading table stay in step with it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/diff/format/json.js";
import { FACTS, RULE_IDS, RULES, rulesFor, type Condition, type Flow, type RuleId } from "../../src/diff/rules.js";
import { typeChange } from "../../src/diff/scalars.js";
import type { ScalarType } from "../../src/model.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { diffTexts, edit, LOCK_API } from "./support.js";

const FLOWS: readonly Flow[] = ["uplink", "downlink"];
const CONDITION_SETS: readonly (readonly Condition[])[] = [
  [],
  ["receiver-refuses-undeclared"],
  ["connect-states-api-version"],
  ["receiver-refuses-undeclared", "connect-states-api-version"],
];

describe("rule selection", () => {
  const selections = FACTS.flatMap((fact) =>
    FLOWS.flatMap((flow) => CONDITION_SETS.map((conditions) => ({ fact, flow, conditions, rules: rulesFor(fact, flow, new Set(conditions)) }))),
  );

  it("selects exactly one rule for every fact, flow and condition", () => {
    const ambiguous = selections.filter((s) => s.rules.length !== 1).map((s) => `${s.fact} ${s.flow} [${s.conditions.join(",")}]: ${s.rules.join(",")}`);
    expect(ambiguous).toEqual([]);
  });

  it("selects every rule for something", () => {
    const selected = new Set(selections.flatMap((s) => s.rules));
    expect(RULE_IDS.filter((id) => !selected.has(id))).toEqual([]);
  });

  it("marks as removals exactly the rules whose facts say something is gone", () => {
    const removals = RULE_IDS.filter((id) => "removal" in RULES[id]);
    const gone = RULE_IDS.filter((id) => RULES[id].applies.facts.every((fact: string) => /-removed/.test(fact)));
    expect(removals).toEqual(gone);
  });
});

describe("scalar readings", () => {
  const types: readonly ScalarType[] = ["u32", "u64", "i32", "string", "time"];

  it("reads u32 → u64 as widened, u64 → u32 as narrowed, u32 ↔ i32 as incompatible, u64 ↔ time as reinterpreted", () => {
    expect([typeChange("u32", "u64"), typeChange("u64", "u32")]).toEqual(["widened", "narrowed"]);
    expect([typeChange("u32", "i32"), typeChange("i32", "u32")]).toEqual(["incompatible", "incompatible"]);
    expect([typeChange("u64", "time"), typeChange("time", "u64")]).toEqual(["reinterpreted", "reinterpreted"]);
    expect(types.filter((t) => t !== "string").map((t) => typeChange(t, "string"))).toEqual(["widened", "widened", "widened", "widened"]);
  });

  it("is antisymmetric: a change one way and its reverse are never both widened", () => {
    for (const a of types) {
      for (const b of types.filter((t) => t !== a)) {
        const [there, back] = [typeChange(a, b), typeChange(b, a)];
        if (there === "widened") expect(back).toBe("narrowed");
        if (there === "narrowed") expect(back).toBe("widened");
        if (there === "incompatible" || there === "reinterpreted") expect(back).toBe(there);
      }
    }
  });
});

describe("README", () => {
  it("lists every rule with its category, severity and meaning", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    for (const id of RULE_IDS) {
      const entry = RULES[id];
      expect(readme).toContain(`| \`${id}\` | ${entry.category} | ${entry.severity} | ${entry.summary} |`);
    }
    const listed = [...readme.matchAll(/^\| `([a-z-]+)` \| (?:wire|typescript|behaviour|docs) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(RULE_IDS);
  });
});

describe("JSON output schema", () => {
  const schema: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "src/diff/changes.schema.json"), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema as object);

  it("names exactly the catalogue's rules", () => {
    const rules = (schema as { $defs: { change: { properties: { rule: { enum: RuleId[] } } } } }).$defs.change.properties.rule.enum;
    expect(rules).toEqual(RULE_IDS);
  });

  it("accepts the JSON report of a diff with additions, removals and changes", async () => {
    const after = edit(
      LOCK_API,
      ["topic: $lock/state/get", "topic: $lock/state/read"],
      ["        - name: if-version\n          type: u64\n", ""],
      ["responses:", "  - name: Ping\n    direction: server-to-client\n    interaction: message\n    topic: $lock/ping\n    message: {}\nresponses:"],
    );
    const report: unknown = JSON.parse(formatJson(await diffTexts(LOCK_API, after)));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect((report as { changes: { old: unknown; new: unknown }[] }).changes.some((c) => c.old === null)).toBe(true);
  });

  it("refuses a report whose change lacks a location key or names an unknown rule", () => {
    const change = { rule: "topic-changed", severity: "error", category: "wire", operation: null, message: "m", old: null };
    expect(validate({ changes: [change] })).toBe(false);
    expect(validate({ changes: [{ ...change, new: null, rule: "no-such-rule" }] })).toBe(false);
    expect(validate({ changes: [{ ...change, new: null }] })).toBe(true);
  });
});
