/** The config `mqttgen init` writes, in the form asked for; each points editors at the config's JSON Schema. */
export const CONFIG_FORMATS = ["json", "yaml", "ts", "mjs"] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

const SCHEMA = "./node_modules/mqttgen/schemas/mqttgen.config.schema.json";

export function starterConfig(format: ConfigFormat, specPattern: string, output: string): { readonly name: string; readonly text: string } {
  switch (format) {
    case "json":
      return { name: "mqttgen.config.json", text: `${JSON.stringify({ $schema: SCHEMA, specs: [specPattern], output }, null, 2)}\n` };
    case "yaml":
      return {
        name: "mqttgen.config.yaml",
        text: `# yaml-language-server: $schema=${SCHEMA}\nspecs:\n  - ${specPattern}\noutput: ${output}\n`,
      };
    case "ts":
    case "mjs":
      return {
        name: `mqttgen.config.${format}`,
        text: `import { defineConfig } from "mqttgen";\n\nexport default defineConfig({\n  specs: [${JSON.stringify(specPattern)}],\n  output: ${JSON.stringify(output)},\n});\n`,
      };
  }
}
