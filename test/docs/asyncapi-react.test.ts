/**
 * Another AsyncAPI tool reads the generated documents: the AsyncAPI React component (the renderer the
 * AsyncAPI HTML template is built on), its standalone browser bundle, in headless Chromium. For every
 * spec the rendered page shows the server and every operation's channel address, and reports no error.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asyncApiYaml } from "../../src/emit/asyncapi/document.js";
import { docsSpecs } from "./specs.js";

const CHROMIUM = "/usr/bin/chromium";
const required = process.env["MQTTGEN_REQUIRE_SYSTEM_TOOLS"] === "1";
const missing = !existsSync(CHROMIUM);
const BUNDLE = join(
  dirname(createRequire(import.meta.url).resolve("@asyncapi/react-component/package.json")),
  "browser/standalone/index.js",
);
const specs = await docsSpecs();

describe.skipIf(missing && !required)(`asyncapi.yaml in the AsyncAPI React component${missing ? ` (SKIPPED: ${CHROMIUM} is missing)` : ""}`, () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing and MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`);
    directory = mkdtempSync(join(tmpdir(), "mqttgen-asyncapi-"));
    mkdirSync(directory, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  });

  afterAll(async () => {
    await browser?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it.each(specs.map((spec) => [spec.name, spec] as const))("renders the document of %s with its server and every operation", async (name, spec) => {
    const yaml = asyncApiYaml(spec.model);
    const page = `${join(directory, name)}.html`;
    writeFileSync(
      page,
      [
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="asyncapi"></div>',
        `<script src="${pathToFileURL(BUNDLE).href}"></script>`,
        `<script>AsyncApiStandalone.render({ schema: ${JSON.stringify(yaml).replace(/</g, "\\u003c")}, config: { show: { sidebar: false } } }, document.getElementById("asyncapi"));</script>`,
        "</body></html>",
      ].join("\n"),
    );
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(pathToFileURL(page).href);
    const addresses = spec.model.operations.map((operation) => operation.topic.template);
    // The page's own text, read in the page: every address there once the component has rendered.
    await tab.waitForFunction(
      `${JSON.stringify(addresses)}.every((address) => document.getElementById("asyncapi").textContent.includes(address))`,
      undefined,
      { timeout: 90_000 },
    );
    const text = await tab.locator("#asyncapi").innerText();
    expect(errors).toEqual([]);
    expect(text).not.toMatch(/errors in your document/i);
    expect(text).toContain("Servers");
    expect(text).toContain(spec.model.title);
    for (const operation of spec.model.operations) expect(text).toContain(operation.summary.split("\n")[0]?.trim() ?? "");
    await tab.close();
  }, 120_000);
});
