/**
 * `topicParameters` (FORMAT.md "Topic parameters"): at the top level, declarations every topic shares; on
 * an operation, its own, which take precedence. Each is `{name, type?, scope?, description?}`.
 */
import type { Node } from "yaml";
import { defaultScope } from "../../model-rules.js";
import {
  SCALAR_TYPES,
  TOPIC_PARAMETER_SCOPES,
  type TopicParameterDeclaration,
  type TopicParameterDeclarations,
} from "../common.js";
import type { Fields, YamlReader } from "./reader.js";

const PARAMETER_FIELDS = ["name", "type", "scope", "description"];

/** The `topicParameters` of `fields` by name; a name declared twice is reported and the first kept. */
export function readTopicParameters(reader: YamlReader, fields: Fields): TopicParameterDeclarations {
  const declarations = new Map<string, TopicParameterDeclaration>();
  const node = fields.get("topicParameters");
  if (node === undefined) return declarations;
  for (const item of reader.list(node, `\`topicParameters\` of ${fields.what}`) ?? []) {
    const declaration = readDeclaration(reader, item, fields.what);
    if (declaration === undefined) continue;
    if (declarations.has(declaration.name)) {
      const format = { parameter: declaration.name };
      reader.diagnostics.report({ code: "topic-parameter-declaration", messageId: "twice", format, at: declaration.span });
      continue;
    }
    declarations.set(declaration.name, declaration);
  }
  return declarations;
}

function readDeclaration(reader: YamlReader, node: Node, owner: string): TopicParameterDeclaration | undefined {
  const fields = reader.fields(node, `a topic parameter of ${owner}`, PARAMETER_FIELDS, ["name"]);
  if (fields === undefined || !fields.has("name")) return undefined;
  const name = reader.text(fields.get("name"), `the name of a topic parameter of ${owner}`);
  const typeNode = fields.get("type");
  const typeText = reader.literal(typeNode);
  const type = typeNode === undefined ? "string" : SCALAR_TYPES.find((known) => known === typeText);
  if (type === undefined) {
    const format = { parameter: name ?? "?", type: typeText ?? "" };
    reader.diagnostics.report({ code: "unknown-property-type", messageId: "parameter", format, at: reader.at(typeNode) });
  }
  const scopeNode = fields.get("scope");
  const scopeText = reader.literal(scopeNode);
  const scope = scopeNode === undefined ? undefined : TOPIC_PARAMETER_SCOPES.find((known) => known === scopeText);
  if (scopeNode !== undefined && scope === undefined) {
    const format = { parameter: name ?? "?", value: scopeText ?? "" };
    reader.diagnostics.report({ code: "topic-parameter-declaration", messageId: "scope", format, at: reader.at(scopeNode) });
  }
  const description = fields.text("description");
  if (name === undefined || type === undefined) return undefined;
  const span = fields.span;
  return {
    name,
    type,
    scope: scope ?? defaultScope(name),
    description,
    ...(span ? { span } : {}),
  };
}
