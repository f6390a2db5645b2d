/**
 * `## Connection`: what CONNECT carries and how clients authenticate, in the reference's own style.
 * Every part is optional and replaces the dialect preset's when present:
 * - `**Authentication**:` and a `Kind | Authentication Method` table, in preference order;
 * - `**CONNECT properties**:` and a `Name | Type | Required | Value | Description` table;
 * - `**Limits**:` and a `Limit | Value` table (`Maximum Packet Size`, `Receive Maximum`, …);
 * - `**Host:**`, `**Port:**`, `**TLS:**` (yes or no) and `**WebSocket path:**`, the endpoint.
 */
import type { Table } from "mdast";
import {
  AUTHENTICATION_KINDS,
  CONNECTION_LIMITS,
  type AuthenticationModel,
  type ConnectionLimitsModel,
  type ConnectPropertyModel,
  type EndpointModel,
} from "../../model.js";
import { authenticationModel, LIMIT_RULES, squashedLabel } from "../../model-rules.js";
import type { ConnectionDeclaration } from "../../dialects/resolve.js";
import { requiredValue, SCALAR_TYPES } from "../common.js";
import type { MarkdownContext } from "./context.js";
import type { LabelledValue } from "./labels.js";
import { spanOf } from "./mdast.js";
import { readLabelledBlocks } from "./message-body.js";
import type { Section } from "./outline.js";
import { readTable } from "./tables.js";

export function readConnection(section: Section, context: MarkdownContext): ConnectionDeclaration {
  for (const nested of section.children) {
    const format = { section: nested.title, part: "the Connection section" };
    context.diagnostics.report({ code: "misplaced-section", messageId: "in-part", format, at: spanOf(nested.heading) });
  }
  const body = readLabelledBlocks(
    section.body,
    context,
    ["authentication", "connect-properties", "limits", "host", "port", "tls", "websocket-path"],
    "the Connection section",
  );
  const { labels, tables } = body;
  const span = spanOf(section.heading);
  const endpoint = readEndpoint(labels, context);
  return {
    ...(labels.has("authentication") ? { authentication: readAuthentication(tables.get("authentication"), labels.get("authentication"), context) } : {}),
    ...(labels.has("connect-properties") ? { userProperties: readConnectProperties(tables.get("connect-properties"), context) } : {}),
    ...(labels.has("limits") ? { limits: readLimits(tables.get("limits"), context) } : {}),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(span ? { span } : {}),
  };
}

function rowsOf(table: Table | "none" | undefined, columns: readonly string[], what: string, context: MarkdownContext) {
  return table === undefined || table === "none" ? [] : (readTable(table, columns, what, context) ?? []);
}

function readAuthentication(table: Table | "none" | undefined, label: LabelledValue | undefined, context: MarkdownContext): AuthenticationModel[] {
  const rows = rowsOf(table, ["kind"], "Authentication", context);
  if (table === "none" || rows.length === 0) {
    context.diagnostics.report({ code: "invalid-connection", messageId: "no-authentication", at: label?.valueSpan });
  }
  return rows.flatMap((row) => {
    const cell = row.cell("kind");
    const kind = AUTHENTICATION_KINDS.find((known) => known === cell.text.toLowerCase());
    if (kind === undefined) {
      const format = { kind: cell.text, known: AUTHENTICATION_KINDS.join(", ") };
      context.diagnostics.report({ code: "invalid-connection", messageId: "authentication", format, at: cell.span });
      return [];
    }
    const method = row.cell("authenticationmethod").text;
    const model = authenticationModel(kind, method === "" ? undefined : method);
    if (typeof model === "string") {
      context.diagnostics.report({ code: "invalid-connection", messageId: model, format: { kind }, at: row.span });
      return [];
    }
    return [model];
  });
}

function readConnectProperties(table: Table | "none" | undefined, context: MarkdownContext): ConnectPropertyModel[] {
  return rowsOf(table, ["name", "type", "required"], "CONNECT properties", context).flatMap((row) => {
    const name = row.cell("name").text;
    const typeCell = row.cell("type");
    const requiredCell = row.cell("required");
    const type = SCALAR_TYPES.find((known) => known === typeCell.text.toLowerCase());
    if (type === undefined) {
      context.diagnostics.report({ code: "unknown-property-type", format: { property: name, type: typeCell.text }, at: typeCell.span });
    }
    const required = requiredValue(requiredCell.text);
    if (required === undefined) {
      const format = { property: name, value: requiredCell.text, expected: "yes or no" };
      context.diagnostics.report({ code: "bad-required-value", format, at: requiredCell.span });
    }
    if (name === "") context.diagnostics.report({ code: "malformed-table", messageId: "no-name", at: row.span });
    if (name === "" || type === undefined || required === undefined) return [];
    const value = row.cell("value").text;
    return [
      {
        name,
        type,
        required,
        ...(value === "" ? {} : { value }),
        description: row.cell("description").source,
        ...(row.span ? { span: row.span } : {}),
      },
    ];
  });
}

function readLimits(table: Table | "none" | undefined, context: MarkdownContext): ConnectionLimitsModel {
  const limits: { -readonly [K in keyof ConnectionLimitsModel]: number } = {};
  for (const row of rowsOf(table, ["limit", "value"], "Limits", context)) {
    const limitCell = row.cell("limit");
    const key = CONNECTION_LIMITS.find((known) => squashedLabel(LIMIT_RULES[known].label) === squashedLabel(limitCell.text));
    if (key === undefined) {
      const format = { limit: limitCell.text, known: CONNECTION_LIMITS.map((known) => LIMIT_RULES[known].label).join(", ") };
      context.diagnostics.report({ code: "invalid-connection", messageId: "limit", format, at: limitCell.span });
      continue;
    }
    const valueCell = row.cell("value");
    const rule = LIMIT_RULES[key];
    const value = /^\d{1,10}$/.test(valueCell.text) ? Number(valueCell.text) : NaN;
    if (!(value >= rule.min && value <= rule.max)) {
      const format = { limit: rule.label, value: valueCell.text, min: rule.min, max: rule.max };
      context.diagnostics.report({ code: "invalid-connection", messageId: "limit-value", format, at: valueCell.span });
      continue;
    }
    limits[key] = value;
  }
  return limits as ConnectionLimitsModel;
}

function readEndpoint(labels: ReadonlyMap<string, LabelledValue>, context: MarkdownContext): EndpointModel | undefined {
  const host = labels.get("host");
  const port = labels.get("port");
  const tls = labels.get("tls");
  const websocketPath = labels.get("websocket-path");
  if (host === undefined && port === undefined && tls === undefined && websocketPath === undefined) return undefined;
  const portValue = port === undefined ? undefined : /^\d{1,5}$/.test(port.value) ? Number(port.value) : NaN;
  if (port !== undefined && !(portValue !== undefined && portValue >= 1 && portValue <= 65_535)) {
    context.diagnostics.report({ code: "invalid-connection", messageId: "port", format: { value: port.value }, at: port.valueSpan });
  }
  const tlsValue = tls === undefined ? undefined : requiredValue(tls.value);
  if (tls !== undefined && tlsValue === undefined) {
    context.diagnostics.report({ code: "invalid-connection", messageId: "tls", format: { value: tls.value }, at: tls.valueSpan });
  }
  return {
    ...(host === undefined ? {} : { host: host.value }),
    ...(portValue !== undefined && portValue >= 1 && portValue <= 65_535 ? { port: portValue } : {}),
    ...(tlsValue === undefined ? {} : { tls: tlsValue }),
    ...(websocketPath === undefined ? {} : { websocketPath: websocketPath.value }),
  };
}
