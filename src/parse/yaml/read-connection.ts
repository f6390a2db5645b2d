/**
 * `connection` (FORMAT.md "Connection"): the ways to authenticate, CONNECT user properties, CONNACK
 * limits and endpoint. Each part stated replaces the dialect preset's; parts left out keep it.
 */
import type { Node } from "yaml";
import {
  AUTHENTICATION_KINDS,
  CONNECTION_LIMITS,
  type AuthenticationModel,
  type ConnectionLimitsModel,
  type ConnectPropertyModel,
  type EndpointModel,
} from "../../model.js";
import { authenticationModel, LIMIT_RULES } from "../../model-rules.js";
import type { ConnectionDeclaration } from "../../dialects/resolve.js";
import { readScalarType, readRequired } from "./read-message.js";
import type { YamlReader } from "./reader.js";

const CONNECTION_FIELDS = ["authentication", "userProperties", "limits", "endpoint"];
const AUTHENTICATION_FIELDS = ["kind", "method"];
const CONNECT_PROPERTY_FIELDS = ["name", "type", "required", "value", "description"];
const ENDPOINT_FIELDS = ["host", "port", "tls", "websocketPath"];

export function readConnectionDeclaration(reader: YamlReader, node: Node | undefined): ConnectionDeclaration {
  if (node === undefined) return {};
  const fields = reader.fields(node, "`connection`", CONNECTION_FIELDS);
  if (fields === undefined) return {};
  const span = fields.span;
  const authentication = fields.get("authentication");
  const userProperties = fields.get("userProperties");
  const limits = fields.get("limits");
  const endpoint = fields.get("endpoint");
  return {
    ...(authentication === undefined ? {} : { authentication: readAuthentication(reader, authentication) }),
    ...(userProperties === undefined ? {} : { userProperties: readConnectProperties(reader, userProperties) }),
    ...(limits === undefined ? {} : { limits: readLimits(reader, limits) }),
    ...(endpoint === undefined ? {} : { endpoint: readEndpoint(reader, endpoint) }),
    ...(span ? { span } : {}),
  };
}

/** Items are a kind (`none`, `x509`) or `{kind, method}`. */
function readAuthentication(reader: YamlReader, node: Node): AuthenticationModel[] {
  const items = reader.list(node, "`authentication` of `connection`") ?? [];
  if (items.length === 0) reader.diagnostics.report({ code: "invalid-connection", messageId: "no-authentication", at: reader.at(node) });
  return items.flatMap((item) => {
    const plain = reader.literal(item);
    const fields = plain === undefined ? reader.fields(item, "a way to authenticate", AUTHENTICATION_FIELDS, ["kind"]) : undefined;
    const kindNode = plain === undefined ? fields?.get("kind") : item;
    const kindText = reader.literal(kindNode);
    const kind = AUTHENTICATION_KINDS.find((known) => known === kindText);
    if (kindNode !== undefined && kind === undefined) {
      const format = { kind: kindText ?? "", known: AUTHENTICATION_KINDS.join(", ") };
      reader.diagnostics.report({ code: "invalid-connection", messageId: "authentication", format, at: reader.at(kindNode) });
    }
    const method = fields?.has("method") ? reader.text(fields.get("method"), "`method` of a way to authenticate") : undefined;
    if (kind === undefined) return [];
    const model = authenticationModel(kind, method);
    if (typeof model === "string") {
      reader.diagnostics.report({ code: "invalid-connection", messageId: model, format: { kind }, at: reader.at(item) });
      return [];
    }
    return [model];
  });
}

function readConnectProperties(reader: YamlReader, node: Node): ConnectPropertyModel[] {
  return (reader.list(node, "`userProperties` of `connection`") ?? []).flatMap((item) => {
    const fields = reader.fields(item, "a CONNECT property", CONNECT_PROPERTY_FIELDS, ["name", "type"]);
    if (fields === undefined || !fields.has("name") || !fields.has("type")) return [];
    const name = reader.text(fields.get("name"), "the name of a CONNECT property");
    const type = readScalarType(reader, fields.get("type"), name);
    const required = readRequired(reader, fields.get("required"), name);
    const value = fields.has("value") ? reader.text(fields.get("value"), `the value of CONNECT property \`${name ?? "?"}\``) : undefined;
    const description = fields.text("description");
    if (name === undefined || type === undefined || required === undefined) return [];
    const span = fields.span;
    return [{ name, type, required, ...(value === undefined ? {} : { value }), description, ...(span ? { span } : {}) }];
  });
}

function readLimits(reader: YamlReader, node: Node): ConnectionLimitsModel {
  const fields = reader.fields(node, "`limits` of `connection`", CONNECTION_LIMITS);
  const limits: { -readonly [K in keyof ConnectionLimitsModel]: number } = {};
  for (const key of CONNECTION_LIMITS) {
    const item = fields?.get(key);
    if (item === undefined) continue;
    const value = reader.integer(item);
    const rule = LIMIT_RULES[key];
    if (value === undefined || value < rule.min || value > rule.max) {
      const format = { limit: key, value: reader.literal(item) ?? "", min: rule.min, max: rule.max };
      reader.diagnostics.report({ code: "invalid-connection", messageId: "limit-value", format, at: reader.at(item) });
      continue;
    }
    limits[key] = value;
  }
  return limits as ConnectionLimitsModel;
}

function readEndpoint(reader: YamlReader, node: Node): EndpointModel {
  const fields = reader.fields(node, "`endpoint` of `connection`", ENDPOINT_FIELDS);
  if (fields === undefined) return {};
  const port = fields.get("port");
  const portValue = port === undefined ? undefined : reader.integer(port);
  if (port !== undefined && (portValue === undefined || portValue < 1 || portValue > 65_535)) {
    reader.diagnostics.report({ code: "invalid-connection", messageId: "port", format: { value: reader.literal(port) ?? "" }, at: reader.at(port) });
  }
  const tls = fields.get("tls");
  const tlsValue = tls === undefined ? undefined : reader.boolean(tls);
  if (tls !== undefined && tlsValue === undefined) {
    reader.diagnostics.report({ code: "invalid-connection", messageId: "tls", format: { value: reader.literal(tls) ?? "" }, at: reader.at(tls) });
  }
  const host = fields.has("host") ? fields.text("host") : undefined;
  const websocketPath = fields.has("websocketPath") ? fields.text("websocketPath") : undefined;
  return {
    ...(host === undefined ? {} : { host }),
    ...(portValue === undefined || portValue < 1 || portValue > 65_535 ? {} : { port: portValue }),
    ...(tlsValue === undefined ? {} : { tls: tlsValue }),
    ...(websocketPath === undefined ? {} : { websocketPath }),
  };
}
