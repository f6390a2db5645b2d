import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (file: string) => fileURLToPath(new URL(`./src/runtime/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Generated code imports the runtime package's entries; tests run them from source.
    alias: [
      { find: /^@mqttgen\/runtime$/, replacement: source("shared.ts") },
      { find: /^@mqttgen\/runtime\/client$/, replacement: source("client-entry.ts") },
      { find: /^@mqttgen\/runtime\/server$/, replacement: source("server-entry.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: "test-output/vitest.json" },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
