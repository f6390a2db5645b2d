/** Shared inputs of the docs emitter tests: the seed's model, its rendered files, and a hostile model. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiModel } from "../../src/model.js";
import { canonical } from "../../src/model-json.js";
import { renderSpec, type RenderedFile } from "../../src/emit/index.js";
import { parseMarkdownSpec } from "../../src/parse/markdown/index.js";
import { resolveConnection, resolveDialect } from "../../src/dialects/resolve.js";

export const SEED_PATH = fileURLToPath(new URL("../../api/iothub.md", import.meta.url));

export function parseMarkdownOrThrow(text: string, file: string): ApiModel {
  const result = parseMarkdownSpec(text, file);
  if (result.value === undefined) {
    throw new Error(`${file} does not parse:\n${result.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n")}`);
  }
  return result.value;
}

export function seedModel(): ApiModel {
  return parseMarkdownOrThrow(readFileSync(SEED_PATH, "utf8"), "api/iothub.md");
}

export const CONTEXT = {
  specName: "iothub",
  inputPath: "api/iothub.md",
  inputSha256: "0".repeat(64),
  toolVersion: "0.0.0-test",
};

export async function renderModel(model: ApiModel): Promise<Map<string, string>> {
  const files: RenderedFile[] = await renderSpec(model, CONTEXT);
  return new Map(files.map((file) => [file.path, file.content]));
}

export function fileOf(files: ReadonlyMap<string, string>, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`no ${path} among ${[...files.keys()].join(", ")}`);
  return content;
}

/** The model without spans, keys sorted: what two readings of one API must agree on. */
export function spanless(model: ApiModel): unknown {
  return canonical(model, false);
}

/** Spec text that must stay text everywhere: markdown, an HTML element, a comment closer, backticks. */
export const HOSTILE = "Watch *this* <script>alert(1)</script> */ `a<b>` & ``x`y`` ${injected} 'q\" end";

/**
 * A small valid API whose every prose field is hostile. Descriptions still state the api-version, as
 * the reference does (docs/protocol.md#reading-the-reference), so the markdown reads back as the same model.
 */
export function hostileModel(): ApiModel {
  const catalog = [
    {
      status: "0100",
      name: "Bad Request",
      description: `Malformed. ${HOSTILE}`,
      reasonCode: 131,
      statusClass: "client-error" as const,
      retryable: false,
      properties: [
        { kind: "user" as const, name: "reason", type: "string" as const, required: false, description: HOSTILE },
      ],
      payload: { kind: "empty" as const },
      notes: [{ kind: "warning" as const, text: `Careful: ${HOSTILE}` }],
    },
  ];
  return {
    kind: "api",
    title: "Hostile <b>API</b>",
    version: "1.0",
    apiVersion: "2024-01-01",
    description: `Operations of version 1.0 (api-version: \`2024-01-01\`). ${HOSTILE}`,
    frontMatter: { title: "Hostile: <script>", "ms.date": "01/02/2024" },
    dialect: resolveDialect({ base: "iothub" }, catalog),
    connection: resolveConnection("iothub", "2024-01-01", {}),
    notes: [{ kind: "note", text: `Top note ${HOSTILE}` }],
    operations: [
      {
        id: "call-method",
        name: "Call Method",
        summary: `Calls it. ${HOSTILE}`,
        direction: "server-to-client",
        interaction: "request-response",
        qos: 0,
        topic: {
          template: "$iothub/methods/{name}",
          parameters: [{ name: "name", level: 2, type: "string", scope: "free", description: "" }],
        },
        subscription: { filter: "$iothub/methods/+", qos: 0 },
        request: {
          description: "",
          properties: [
            {
              kind: "first-class",
              name: "Content Type",
              type: "string",
              required: false,
              description: HOSTILE,
              mqttField: "contentType",
            },
            { kind: "user", name: "count", type: "u32", required: true, description: "" },
          ],
          payload: { kind: "bytes" },
          notes: [{ kind: "tip", text: `Tip ${HOSTILE}` }],
        },
        success: {
          description: `Answered. ${HOSTILE}`,
          properties: [{ kind: "user", name: "response-code", type: "u32", required: true, description: HOSTILE }],
          payload: { kind: "named", type: "Result" },
          notes: [],
          sender: "client",
        },
        alternatives: [
          { status: "0100", name: "Bad <i>Request</i>", description: HOSTILE, reasonCode: 131, sender: "client" },
        ],
        reply: { kind: "default" },
        correlation: { kind: "correlation-data" },
        notes: [{ kind: "caution", text: `Op note ${HOSTILE}` }],
      },
      {
        id: "send-data",
        name: "Send Data",
        summary: "",
        direction: "client-to-server",
        interaction: "message-ack",
        qos: 1,
        topic: { template: "$iothub/data", parameters: [] },
        request: { description: "", properties: [], payload: { kind: "bytes" }, notes: [] },
        success: { description: "", properties: [], payload: { kind: "empty" }, notes: [], sender: "server" },
        alternatives: [{ status: "0100", name: "Bad Request", description: "", reasonCode: 135, sender: "server" }],
        notes: [],
      },
    ],
    responses: catalog,
    payloadTypes: [{ name: "Result", description: "" }],
  };
}
