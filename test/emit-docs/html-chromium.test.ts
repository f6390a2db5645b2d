import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSpec } from "../../src/generate.js";
import { CHROMIUM, launchChromium } from "../support/chromium.js";
import { PROJECT_ROOT } from "../support/cli.js";
import { fileOf, hostileModel, renderModel, SEED_PATH } from "./support.js";

const required = process.env["MQTTGEN_REQUIRE_SYSTEM_TOOLS"] === "1";
const missing = !existsSync(CHROMIUM);
const SCREENSHOTS = join(process.cwd(), "test-output", "docs");

/** The seed as `mqttgen generate` reads it: with its payload schema sidecar. */
async function loadedSeed() {
  const model = (await checkSpec(SEED_PATH, "api/iothub.md")).model;
  if (model === undefined) throw new Error("api/iothub.md is not valid");
  return model;
}

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

    it("lists every operation, payload type and status in the nav, each linked to an existing anchor; screenshots", async () => {
      const model = await loadedSeed();
      const { page, requests, url } = await open(
        "index.html",
        fileOf(await renderModel(model), "docs/index.html"),
        1280,
      );
      const links = await page.$$eval("nav a", (anchors) =>
        anchors.map((a) => ({ text: a.textContent?.trim() ?? "", target: a.getAttribute("href") ?? "" })),
      );
      for (const operation of model.operations) expect(links.map((l) => l.text)).toContain(operation.name);
      for (const type of model.payloadTypes) expect(links.map((l) => l.text)).toContain(type.name);
      for (const response of model.responses)
        expect(links.map((l) => l.text)).toContain(`${response.status} ${response.name}`);
      // And the sections every page has: the dialect's conventions, the connection, the server.
      expect(links.map((l) => l.text)).toEqual(expect.arrayContaining(["Conventions", "Connection", "Server"]));
      expect(links).toHaveLength(model.operations.length + model.payloadTypes.length + model.responses.length + 3);
      for (const link of links) {
        expect(link.target.startsWith("#")).toBe(true);
        expect(await page.locator(`[id="${link.target.slice(1)}"]`).count(), link.target).toBe(1);
      }
      // Every link inside the page lands: outcomes into the catalog, payloads into their types.
      const targets = await page.$$eval("main a[href^='#']", (anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
      expect(targets.filter((target) => target.startsWith("#status-")).length).toBeGreaterThan(0);
      expect(targets.filter((target) => target.startsWith("#type-")).length).toBeGreaterThan(0);
      for (const target of new Set(targets)) expect(await page.locator(`[id="${target.slice(1)}"]`).count(), target).toBe(1);
      // Every id is unique, so every deep link has one place to land.
      const ids = await page.$$eval("[id]", (elements) => elements.map((element) => element.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(await page.locator(".api-version").innerText()).toContain("2020-10-01-preview");
      // The page's own script only: nothing loaded from elsewhere.
      expect(await page.locator("script[src], link[href], img, iframe").count()).toBe(0);
      expect(requests).toEqual([url]);

      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "index.png"), fullPage: true });
      await page.emulateMedia({ colorScheme: "dark" });
      const background = await page.evaluate("getComputedStyle(document.body).backgroundColor");
      expect(background).toBe("rgb(13, 17, 23)");
      await page.screenshot({ path: join(SCREENSHOTS, "index-dark.png") });
      await page.emulateMedia({ colorScheme: "light", media: "print" });
      expect(await page.locator("nav").isVisible()).toBe(false);
      expect(await page.locator("button.copy").first().isVisible()).toBe(false);
      await page.emulateMedia({ media: "screen" });
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.$eval("html", (root) => root.scrollWidth - root.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, "index-phone.png"), fullPage: true });
      await page.close();
    });

    /** Types `query` into the search box, follows the result linking to `id`, and checks where it landed. */
    async function searchAndLand(page: Page, query: string, id: string) {
      await page.locator("#search").fill(query);
      const result = page.locator(`#search-results a[href="#${id}"]`);
      await expect.poll(() => result.count()).toBe(1);
      await result.click();
      await expect.poll(() => page.evaluate("location.hash")).toBe(`#${id}`);
      const box = await page.locator(`[id="${id}"]`).boundingBox();
      const height = page.viewportSize()?.height ?? 0;
      expect(box, id).not.toBeNull();
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect(box?.y ?? height).toBeLessThan(height);
    }

    it.each([
      ["desktop", 1280, 900],
      ["phone", 390, 844],
    ])("at %s width: search lands on a status and on a property, and a copy button copies its snippet", async (label, width, height) => {
      const model = await loadedSeed();
      const { page } = await open(`search-${label}.html`, fileOf(await renderModel(model), "docs/index.html"), width);
      await page.setViewportSize({ width, height });
      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

      await searchAndLand(page, "precondition", "status-0104");
      expect(await page.locator("#status-0104").innerText()).toContain("Precondition Failed");
      await searchAndLand(page, "if-version", "op-patch-twin-reported-request-if-version");
      expect(await page.locator("#op-patch-twin-reported-request-if-version").innerText()).toContain("if-version");
      await searchAndLand(page, "twin desired", "type-Twin-desired");
      await page.screenshot({ path: join(SCREENSHOTS, `search-${label}.png`) });

      const snippet = "op-get-twin-client";
      const button = page.locator(`button.copy[data-copy="${snippet}"]`);
      await button.scrollIntoViewIfNeeded();
      await button.click();
      await expect.poll(() => button.innerText()).toBe("Copied");
      const copied = await page.evaluate("navigator.clipboard.readText()");
      expect(copied).toBe(await page.locator(`#${snippet}`).innerText());
      expect(copied).toContain("await client.getTwin()");
      await page.screenshot({ path: join(SCREENSHOTS, `copy-${label}.png`) });
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
        expect(targets).toHaveLength(model.operations.length + model.payloadTypes.length + model.responses.length + 3);
        for (const target of targets) expect(await page.locator(`[id="${target.slice(1)}"]`).count(), target).toBe(1);
        const groups = [...new Set(model.operations.flatMap((operation) => (operation.group === undefined ? [] : [operation.group])))];
        expect(await page.$$eval("nav h3", (headings) => headings.map((h) => h.textContent))).toEqual(groups);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await page.$eval("html", (root) => root.scrollWidth - root.clientWidth)).toBeLessThanOrEqual(0);
        await page.close();
      },
    );

    it("shows hostile spec text as text: no script element of its own, the text visible verbatim", async () => {
      const { page } = await open("hostile.html", fileOf(await renderModel(hostileModel()), "docs/index.html"), 1280);
      // The page's two scripts, the index and its reader; spec text opened none.
      expect(await page.locator("script").count()).toBe(2);
      expect(await page.evaluate("typeof window.injected")).toBe("undefined");
      expect(await page.locator("h1").innerText()).toBe("Hostile <b>API</b>");
      const summary = await page.locator("#op-call-method > p").first().innerText();
      expect(summary).toBe("Calls it. Watch *this* <script>alert(1)</script> */ a<b> & x`y ${injected} 'q\" end");
      expect(await page.locator("#op-call-method code", { hasText: "a<b>" }).count()).toBeGreaterThan(0);
      // The search index holds the hostile text as data, and results show it as text.
      await page.locator("#search").fill("<script>alert(1)</script>");
      await expect.poll(() => page.locator("#search-results a").count()).toBeGreaterThan(0);
      expect(await page.locator("#search-results a").allInnerTexts()).toEqual(expect.arrayContaining(["Call Method", "0100 Bad Request"]));
      expect(await page.locator("#search-results *:not(li, span, a)").count()).toBe(0);
      expect(await page.locator("script").count()).toBe(2);
      await page.close();
    });
  },
);
