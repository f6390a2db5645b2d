/**
 * The markdown front end: the IoT Hub MQTT 5 reference format (and later revisions of it) to the
 * operations model. Structure comes from the heading outline of the mdast tree, never from regexes over
 * the file; every problem becomes a diagnostic with the span of its node, and all are reported.
 */
import type { Yaml } from "mdast";
import { DiagnosticCollector, guarded } from "../../diagnostics.js";
import type { ApiModel, CatalogResponseModel, NoteModel, OperationModel } from "../../model.js";
import { specPayloads } from "../../model-rules.js";
import { DIALECT_PRESETS, MARKDOWN_DEFAULT_DIALECT } from "../../dialects/presets.js";
import { resolveConnection, resolveDialect } from "../../dialects/resolve.js";
import { namedPayloads, parsedSpec, reportUnusedDeclarations, type ParsedSpec } from "../common.js";
import { readCatalogResponse } from "./catalog.js";
import { readConnection } from "./connection.js";
import type { MarkdownContext } from "./context.js";
import { readFrontMatter } from "./front-matter.js";
import { readHeader } from "./header.js";
import { topLevelKind, type TopLevelKind } from "./headings.js";
import { parseMdast, spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import { readOperation } from "./operation.js";
import { outline, type Section } from "./outline.js";
import { prescanMarkdown } from "./prescan.js";
import { readLabelledBlocks } from "./message-body.js";
import { topicParametersFromTable } from "./topic-parameters.js";

export function parseMarkdownSpec(text: string, file: string, diagnostics = new DiagnosticCollector(file)): ParsedSpec {
  return parsedSpec(readMarkdownSpec({ text, diagnostics }), diagnostics);
}

/** The model as far as it can be built; `undefined` only when the text is too deeply nested to parse. */
function readMarkdownSpec(context: MarkdownContext): ApiModel | undefined {
  if (!prescanMarkdown(context.text, context.diagnostics)) return undefined;
  const root = parseMdast(context.text);
  const { preamble, sections } = outline(root.children);
  const frontMatterNode = preamble.find((block): block is Yaml => block.type === "yaml");
  const frontMatter = frontMatterNode === undefined ? { entries: {} } : readFrontMatter(frontMatterNode, context);
  const declaration = frontMatter.dialect ?? { base: MARKDOWN_DEFAULT_DIALECT };
  const preset = DIALECT_PRESETS[declaration.base];
  const format = declaration.statusFormat ?? preset.statusFormat;

  const [titleSection, ...others] = sections.filter((section) => section.heading.depth === 1);
  for (const extra of others) {
    context.diagnostics.report({ code: "misplaced-section", messageId: "second-title", format: { section: extra.title }, at: spanOf(extra.heading) });
  }
  if (titleSection === undefined) {
    const firstBlock = root.children.find((block) => block.type !== "yaml" && block.type !== "html");
    context.diagnostics.report({ code: "missing-title", at: firstBlock ? spanOf(firstBlock) : undefined });
  }
  const header = titleSection === undefined ? undefined : readHeader(titleSection, context);
  // Without a title, the second-level sections stand at the top; read them anyway to report their problems.
  const topSections = titleSection?.children ?? sections.filter((section) => section.heading.depth !== 1);
  const parts = sortTopLevel(topSections, context);
  const operationsHead = readLabelledBlocks(parts.operations?.body ?? [], context, ["topic-parameters"], "the Operations section");
  const sharedParameters = topicParametersFromTable(operationsHead.tables.get("topic-parameters"), context);
  const notes: NoteModel[] = [...(header?.notes ?? []), ...operationsHead.notes, ...notesIn(parts.responses, context)];

  const startOfSpec = titleSection ? spanOf(titleSection.heading) : undefined;
  for (const [kind, section] of [["operations", "Operations"], ["responses", "Responses"]] as const) {
    if (parts[kind] === undefined) context.diagnostics.report({ code: "missing-section", format: { section }, at: startOfSpec });
  }

  const responses = entriesOf(parts.responses, "outside-response", context).flatMap(
    (section) =>
      guarded(context.diagnostics, "reading a response", spanOf(section.heading), () => readCatalogResponse(section, format, context)) ?? [],
  );
  const operationContext = { catalog: responses, format, sharedParameters, replies: declaration.replies ?? preset.replies };
  const operations: OperationModel[] = [];
  for (const section of entriesOf(parts.operations, "outside-operation", context)) {
    const read = guarded(context.diagnostics, "reading an operation", spanOf(section.heading), () => readOperation(section, operationContext, context));
    if (read) operations.push(read);
  }
  const used = new Set(operations.flatMap((operation) => operation.topic.parameters.map((parameter) => parameter.name)));
  reportUnusedDeclarations(sharedParameters, used, context.diagnostics);
  const connection = parts.connection === undefined ? {} : readConnection(parts.connection, context);
  const apiVersion = header?.apiVersion ?? "";

  return {
    kind: "api",
    title: header?.title ?? "",
    version: header?.version ?? "",
    apiVersion,
    description: header?.description ?? "",
    frontMatter: frontMatter.entries,
    dialect: resolveDialect(declaration, responses),
    connection: resolveConnection(declaration.base, apiVersion, connection),
    notes,
    operations,
    responses,
    payloadTypes: payloadTypes(operations, responses),
    ...(header?.span ? { span: header.span } : {}),
  };
}

/** `## Connection`, `## Operations` and `## Responses`; anything else at that level is unknown, a repeat misplaced. */
function sortTopLevel(sections: readonly Section[], context: MarkdownContext): Partial<Record<TopLevelKind, Section>> {
  const parts: Partial<Record<TopLevelKind, Section>> = {};
  for (const section of sections) {
    const kind = topLevelKind(section.title);
    const at = spanOf(section.heading);
    const format = { section: section.title };
    if (section.heading.depth !== 2) {
      context.diagnostics.report({ code: "misplaced-section", format, at });
    } else if (kind === undefined) {
      context.diagnostics.report({ code: "unknown-section", format, at });
    } else if (parts[kind] !== undefined) {
      context.diagnostics.report({ code: "misplaced-section", messageId: "second-top-level", format, at });
    } else {
      parts[kind] = section;
    }
  }
  return parts;
}

/** The `###` entries of a top-level section; deeper headings directly under it stand outside any entry. */
function entriesOf(
  section: Section | undefined,
  outside: "outside-operation" | "outside-response",
  context: MarkdownContext,
): Section[] {
  return (section?.children ?? []).filter((child) => {
    if (child.heading.depth === 3) return true;
    context.diagnostics.report({ code: "misplaced-section", messageId: outside, format: { section: child.title }, at: spanOf(child.heading) });
    return false;
  });
}

function notesIn(section: Section | undefined, context: MarkdownContext): NoteModel[] {
  return (section?.body ?? []).flatMap((block) => (block.type === "blockquote" ? [noteModel(block, context)] : []));
}

function payloadTypes(operations: readonly OperationModel[], responses: readonly CatalogResponseModel[]) {
  return namedPayloads(specPayloads(operations, responses)).map((name) => ({ name, description: "" }));
}
