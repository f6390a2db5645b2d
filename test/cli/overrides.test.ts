/**
 * Template overrides as a project uses them (real `mqttgen generate` processes): an override replaces its
 * built-in template and is named in the header; its problems are found before rendering, in every branch,
 * at their line and column; templates/README.md and templates/contracts.json follow the view-model types.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { compileTemplate, TemplateRenderError, TemplateSet } from "../../src/emit/render.js";
import { checkTemplate, loadContracts } from "../../src/emit/template-check.js";
import { TEMPLATE_NAMES } from "../../src/emit/templates.js";
import { PROJECT_ROOT, runCli } from "../support/cli.js";
import { seedProject, write } from "./project.js";

const BUILT_IN_STATUS = readFileSync(join(PROJECT_ROOT, "templates/status.ts.hbs"), "utf8");

function withOverride(name: string, text: string): string {
  return seedProject({ "mqttgen.config.json": JSON.stringify({ templates: "overrides" }), [`overrides/${name}`]: text });
}

describe("a template override", () => {
  it("replaces the built-in template of its name, and the header names it with its sha256", () => {
    const override = BUILT_IN_STATUS.replace("export type Status =", "/** Our own note. */\nexport type Status =");
    const dir = withOverride("status.ts.hbs", override);
    write(dir, "overrides/README.md", "not a template: left alone\n");
    const run = runCli(["generate"], dir);
    expect(run.status, run.stderr).toBe(0);
    const status = readFileSync(join(dir, "generated/iothub/status.ts"), "utf8");
    expect(status).toContain("/** Our own note. */\nexport type Status =");
    const sha256 = createHash("sha256").update(override).digest("hex");
    expect(status).toContain(`// Template: overrides/status.ts.hbs (sha256 ${sha256}), overriding the built-in one\n`);
    expect(readFileSync(join(dir, "generated/iothub/client.ts"), "utf8")).not.toContain("Template:");
    expect(runCli(["generate", "--check"], dir).status).toBe(0);
    write(dir, "overrides/status.ts.hbs", override.replace("Our own note", "Our own changed note"));
    const drift = runCli(["generate", "--check"], dir);
    expect(drift.status).toBe(1);
    expect(drift.stderr.match(/^different: .*$/gm)).toEqual(["different: generated/iothub/status.ts"]);
  });

  it("may come from --templates, relative to the working directory", () => {
    const dir = seedProject({ "mine/payloads.ts.hbs": "// payloads of our own\n{{#each declarations}}export type {{name}} = unknown;\n{{/each}}" });
    expect(runCli(["generate", "--templates", "mine"], dir).status).toBe(0);
    const payloads = readFileSync(join(dir, "generated/iothub/payloads.ts"), "utf8");
    expect(payloads).toContain("// payloads of our own\nexport type Twin = unknown;\nexport type TwinState = unknown;\n");
    expect(payloads).toMatch(/^\/\/ Regenerate: npx mqttgen generate api\/iothub\.md --templates mine$/m);
  });

  it.each([
    [
      "a field the view-model lacks, in a branch this spec never takes",
      "status.ts.hbs",
      "{{#each statuses}}\n{{#if retryable}}\n  {{member}} {{retryAfter}}\n{{/if}}\n{{/each}}\n",
      "overrides/status.ts.hbs:3:16: error template-unknown-field: retryAfter is not a field of StatusView; its fields: member, code, name, description, memberDoc, reasonCode, statusClass, retryable, errorClass, errorDoc (templates/README.md lists every view-model)",
    ],
    [
      "a field of the outer scope read inside a loop without ../",
      "client.ts.hbs",
      "{{#each requests}}{{methodName}} {{className}}{{/each}}",
      "overrides/client.ts.hbs:1:36: error template-unknown-field: className is not a field of RequestView; its fields:",
    ],
    [
      "../ above the view-model",
      "payloads.ts.hbs",
      "{{#each declarations}}{{../../isEmpty}}{{/each}}",
      "overrides/payloads.ts.hbs:1:25: error template-unknown-field: ../../isEmpty is not a field of anything: ../ climbs above the view-model; its fields: none",
    ],
    [
      "a loop over a text",
      "status.ts.hbs",
      "\n{{#each statuses}}{{#each member}}x{{/each}}{{/each}}",
      "overrides/status.ts.hbs:2:27: error template-unknown-field: member is not a field of a template expecting a list to loop over; its fields: none (it is a string)",
    ],
    [
      "a helper mqttgen does not provide",
      "status.ts.hbs",
      "{{#each statuses}}{{upper member}}{{/each}}",
      "overrides/status.ts.hbs:1:21: error template-unknown-helper: upper is not available in templates; use one of: doc, jsdoc, str, #if, #unless, #each, #with, #*inline partials",
    ],
    ["a partial mqttgen does not provide", "status.ts.hbs", "{{> header}}", "overrides/status.ts.hbs:1:1: error template-unknown-helper: > header is not available in templates;"],
    ["a Handlebars syntax error", "status.ts.hbs", "{{#each statuses}}\n{{member}\n{{/each}}", "overrides/status.ts.hbs:2:1: error template-syntax: "],
    ["a block left open", "status.ts.hbs", "{{#each statuses}}\n  {{member}}\n{{/if}}", "overrides/status.ts.hbs:1:4: error template-syntax: each doesn't match if"],
    [
      "a file named after no template",
      "clients.ts.hbs",
      "x",
      "overrides/clients.ts.hbs: error template-unknown: no built-in template is named clients.ts.hbs; overrides replace one of: status.ts.hbs, payloads.ts.hbs, api.ts.hbs, client.ts.hbs, server.ts.hbs, reference.md.hbs, index.html.hbs",
    ],
  ])("%s: exit 1 at its place, nothing written", (_, name, text, expected) => {
    const dir = withOverride(name, text);
    const run = runCli(["generate"], dir);
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n")[0]?.startsWith(expected), run.stderr).toBe(true);
    expect(run.stderr).toMatch(/^mqttgen: nothing written: 1 problem\(s\)$/m);
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("failing while rendering is reported at its place in the override, never as a crash", () => {
    // The check before rendering leaves nothing to fail; a template rendered with a view it was not checked against can.
    const override = { name: "status.ts" as const, path: "overrides/status.ts.hbs", sha256: "", template: compileTemplate("\n  {{statuses.missing}}") };
    const templates = new TemplateSet(new Map([["status.ts", override]]));
    let thrown: unknown;
    try {
      templates.render("status.ts", { runtimeModule: "@mqttgen/runtime", statuses: [], failures: [], statusFormat: "hex16", travel: "", parsing: "" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateRenderError);
    expect(thrown).toMatchObject({ line: 2, column: 5, override });
    expect((thrown as Error).message).toBe('"missing" not defined in ');
  });
});

describe("the templates' contracts", () => {
  it.each(TEMPLATE_NAMES)("the built-in %s.hbs passes the check overrides get", (name) => {
    const source = readFileSync(join(PROJECT_ROOT, "templates", `${name}.hbs`), "utf8");
    expect(checkTemplate(Handlebars.parse(source), name, loadContracts(), name)).toEqual([]);
  });

  it("templates/contracts.json and templates/README.md are derived from the view-model types as they are now", async () => {
    const script = (await import(join(PROJECT_ROOT, "scripts/build-template-contracts.js"))) as {
      templateContracts: () => unknown;
      contractsMarkdown: (contracts: unknown) => string;
    };
    const contracts = script.templateContracts();
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "templates/contracts.json"), "utf8")), "run npm run build").toEqual(contracts);
    expect(readFileSync(join(PROJECT_ROOT, "templates/README.md"), "utf8"), "run npm run build").toBe(script.contractsMarkdown(contracts));
  }, 60_000);
});
