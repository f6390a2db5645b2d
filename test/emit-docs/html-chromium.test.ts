import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpec } from "../../src/generate.js";
import { CHROMIUM, launchChromium } from "../support/chromium.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { fileOf, hostileModel, renderModel, seedModel } from "./support.js";

const required = process.env["MQTTGEN_REQUIRE_SYSTEM_TOOLS"] === "1";
const missing = !existsSync(CHROMIUM);
const SCREENSHOTS = join(process.cwd(), "test-output", "docs");

describe.skipIf(missing && !required)(
  `docs/index.html in headless Chromium${missing ? ` (SKIPPED: ${CHROMIUM} is missing)` : ""}`,
  () => {
    let browser: Browser;
    let directory: string;

    beforeAll(async () => {
      if (missing) throw new Error(`${CHROMIUM} is missing and MQTTGEN_REQUIRE_SYSTEM_TOOLS=1`);
      directory = mkdtempSync(join(tmpdir(), "mqttgen-docs-"));
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    async function open(name: string, html: string, width: number) {
      const path = join(directory, name);
      writeFileSync(path, html);
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(path).href);
      return { page, requests, url: pathToFileURL(path).href };
    }

    it("lists every operation and status in the nav, each linked to an existing anchor; screenshots", async () => {
      const model = seedModel();
      const { page, requests, url } = await open(
        "index.html",
        fileOf(await renderModel(model), "docs/index.html"),
        1280,
      );
      const links = await page.$$eval("nav a", (anchors) =>
        anchors.map((a) => ({ text: a.textContent?.trim() ?? "", target: a.getAttribute("href") ?? "" })),
      );
      for (const operation of model.operations) expect(links.map((l) => l.text)).toContain(operation.name);
      for (const response of model.responses)
        expect(links.map((l) => l.text)).toContain(`${response.status} ${response.name}`);
      // And the two sections every page has: the dialect's conventions and the connection.
      expect(links.map((l) => l.text)).toEqual(expect.arrayContaining(["Conventions", "Connection"]));
      expect(links).toHaveLength(model.operations.length + model.responses.length + 2);
      for (const link of links) {
        expect(link.target.startsWith("#")).toBe(true);
        expect(await page.locator(`[id="${link.target.slice(1)}"]`).count(), link.target).toBe(1);
      }
      // Every alternative outcome links into the catalog, and those anchors exist too.
      const outcomeTargets = await page.$$eval("main section a[href^='#status-']", (anchors) =>
        anchors.map((a) => a.getAttribute("href") ?? ""),
      );
      expect(outcomeTargets.length).toBeGreaterThan(0);
      for (const target of new Set(outcomeTargets))
        expect(await page.locator(`[id="${target.slice(1)}"]`).count(), target).toBe(1);
      expect(await page.locator(".api-version").innerText()).toContain("2020-10-01-preview");
      expect(await page.locator("script").count()).toBe(0);
      expect(requests).toEqual([url]);

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "index.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.$eval("html", (root) => root.scrollWidth - root.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, "index-phone.png"), fullPage: true });
      await page.close();
    });

    it.each(["aws-iot-shadow", "lock-fleet"])(
      "renders the %s spec: grouped navigation whose links all land, no horizontal overflow on a phone",
      async (name) => {
        const path = `api/${name}.yaml`;
        const model = (await checkSpec(join(PROJECT_ROOT, path), path)).model;
        if (model === undefined) throw new Error(`${path} is not valid`);
        const { page } = await open(`${name}.html`, fileOf(await renderModel(model), "docs/index.html"), 1280);
        const targets = await page.$$eval("nav a", (anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
        expect(targets).toHaveLength(model.operations.length + model.responses.length + 2);
        for (const target of targets) expect(await page.locator(`[id="${target.slice(1)}"]`).count(), target).toBe(1);
        const groups = [...new Set(model.operations.flatMap((operation) => (operation.group === undefined ? [] : [operation.group])))];
        expect(await page.$$eval("nav h3", (headings) => headings.map((h) => h.textContent))).toEqual(groups);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await page.$eval("html", (root) => root.scrollWidth - root.clientWidth)).toBeLessThanOrEqual(0);
        await page.close();
      },
    );

    it("shows hostile spec text as text: no script element, the text visible verbatim", async () => {
      const { page } = await open("hostile.html", fileOf(await renderModel(hostileModel()), "docs/index.html"), 1280);
      expect(await page.locator("script").count()).toBe(0);
      expect(await page.locator("h1").innerText()).toBe("Hostile <b>API</b>");
      const summary = await page.locator("#op-call-method > p").first().innerText();
      expect(summary).toBe("Calls it. Watch *this* <script>alert(1)</script> */ a<b> & x`y ${injected} 'q\" end");
      expect(await page.locator("#op-call-method code", { hasText: "a<b>" }).count()).toBeGreaterThan(0);
      await page.close();
    });
  },
);
