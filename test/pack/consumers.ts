/**
 * CommonJS and bundler consumers of the runtime package: one small program importing each entry, and the
 * compiler settings of the three module resolutions a TypeScript project may use.
 */
import { STRICTEST_OPTIONS } from "./strictest.js";

/** Imports one export of each entry and prints their types: `function function function` when all load. */
export const CONSUMER_SOURCE = `import { StatusError } from "@mqttgen/runtime";
import { DeviceClient } from "@mqttgen/runtime/client";
import { MqttServerEndpoint } from "@mqttgen/runtime/server";

console.log([typeof StatusError, typeof DeviceClient, typeof MqttServerEndpoint].join(" "));
`;

export interface Consumer {
  readonly name: string;
  /** The consumer's package.json `type`: how Node reads the compiled program. */
  readonly type: "commonjs" | "module";
  readonly compilerOptions: Readonly<Record<string, unknown>>;
  /** Whether the compiled program is run (a bundler project hands its output to the bundler instead). */
  readonly runs: boolean;
}

/** CommonJS output cannot keep ESM import syntax verbatim; every other strict option stays. */
const commonJsStrictest = { ...STRICTEST_OPTIONS, verbatimModuleSyntax: false };

export const CONSUMERS: readonly Consumer[] = [
  {
    name: "node10",
    type: "commonjs",
    compilerOptions: { ...commonJsStrictest, module: "commonjs", moduleResolution: "node10", esModuleInterop: true },
    runs: true,
  },
  {
    name: "node16",
    type: "commonjs",
    compilerOptions: { ...commonJsStrictest, module: "node16", moduleResolution: "node16" },
    runs: true,
  },
  {
    name: "bundler",
    type: "module",
    compilerOptions: { ...STRICTEST_OPTIONS, module: "esnext", moduleResolution: "bundler", noEmit: true },
    runs: false,
  },
];
