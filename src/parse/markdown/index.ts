/**
 * The markdown front end: the IoT Hub MQTT 5 reference format (and later revisions of it) to the
 * operations model. Structure comes from the heading outline of the mdast tree, never from regexes over
 * the file; every problem becomes a diagnostic with the span of its node, and all are reported.
 */
import type { Yaml } from "mdast";
import { hasErrors, sortDiagnostics, type Result } from "../../diagnostics.js";
import type { ApiModel, CatalogResponseModel, NoteModel, OperationModel } from "../../model.js";
import { namedPayloads } from "../common.js";
import { readCatalogResponse } from "./catalog.js";
import { createContext, report, type MarkdownContext } from "./context.js";
import { readFrontMatter } from "./front-matter.js";
import { readHeader } from "./header.js";
import { topLevelKind, type TopLevelKind } from "./headings.js";
import { parseMdast, spanOf } from "./mdast.js";
import { noteModel } from "./notes.js";
import { readOperation } from "./operation.js";
import { outline, type Section } from "./outline.js";

export function parseMarkdownSpec(text: string, file: string): Result<ApiModel> {
  const context = createContext(text, file);
  const root = parseMdast(text);
  const { preamble, sections } = outline(root.children);
  const frontMatterNode = preamble.find((block): block is Yaml => block.type === "yaml");
  const frontMatter = frontMatterNode === undefined ? {} : readFrontMatter(frontMatterNode, context);

  const [titleSection, ...others] = sections.filter((section) => section.heading.depth === 1);
  for (const extra of others) report(context, "misplaced-section", "a spec has one title (H1)", spanOf(extra.heading));
  if (titleSection === undefined) {
    const firstBlock = root.children.find((block) => block.type !== "yaml" && block.type !== "html");
    report(context, "missing-title", "the spec has no title (# heading)", firstBlock ? spanOf(firstBlock) : undefined);
  }
  const header = titleSection === undefined ? undefined : readHeader(titleSection, context);
  // Without a title, the second-level sections stand at the top; read them anyway to report their problems.
  const topSections = titleSection?.children ?? sections.filter((section) => section.heading.depth !== 1);
  const parts = sortTopLevel(topSections, context);
  const notes: NoteModel[] = [
    ...(header?.notes ?? []),
    ...notesIn(parts.operations, context),
    ...notesIn(parts.responses, context),
  ];

  const startOfSpec = titleSection ? spanOf(titleSection.heading) : undefined;
  if (parts.operations === undefined)
    report(context, "missing-section", "the spec has no ## Operations section", startOfSpec);
  if (parts.responses === undefined)
    report(context, "missing-section", "the spec has no ## Responses section", startOfSpec);

  const responses = entriesOf(parts.responses, "a response", context).flatMap(
    (section) => readCatalogResponse(section, context) ?? [],
  );
  const operations: OperationModel[] = [];
  let responseTopic: string | undefined;
  for (const section of entriesOf(parts.operations, "an operation", context)) {
    const read = readOperation(section, responses, context);
    if (read.operation) operations.push(read.operation);
    if (read.operation?.interaction === "request-response") responseTopic ??= read.responseTopic;
  }

  const diagnostics = sortDiagnostics(context.diagnostics);
  if (header === undefined || hasErrors(diagnostics)) return { value: undefined, diagnostics };
  const model: ApiModel = {
    kind: "api",
    title: header.title,
    version: header.version,
    apiVersion: header.apiVersion,
    description: header.description,
    frontMatter,
    responseTopic: responseTopic ?? "",
    notes,
    operations,
    responses,
    payloadTypes: payloadTypes(operations, responses),
    ...(header.span ? { span: header.span } : {}),
  };
  return { value: model, diagnostics };
}

/** `## Operations` and `## Responses`; anything else at that level is unknown, a repeat misplaced. */
function sortTopLevel(sections: readonly Section[], context: MarkdownContext): Partial<Record<TopLevelKind, Section>> {
  const parts: Partial<Record<TopLevelKind, Section>> = {};
  for (const section of sections) {
    const kind = topLevelKind(section.title);
    if (section.heading.depth !== 2) {
      report(
        context,
        "misplaced-section",
        `"${section.title}" must stand under ## Operations or ## Responses`,
        spanOf(section.heading),
      );
    } else if (kind === undefined) {
      report(
        context,
        "unknown-section",
        `"${section.title}" is neither ## Operations nor ## Responses`,
        spanOf(section.heading),
      );
    } else if (parts[kind] !== undefined) {
      report(context, "misplaced-section", `a second ## ${section.title} section`, spanOf(section.heading));
    } else {
      parts[kind] = section;
    }
  }
  return parts;
}

/** The `###` entries of a top-level section; deeper headings directly under it stand outside any entry. */
function entriesOf(section: Section | undefined, what: string, context: MarkdownContext): Section[] {
  return (section?.children ?? []).filter((child) => {
    if (child.heading.depth === 3) return true;
    report(context, "misplaced-section", `"${child.title}" stands outside ${what}`, spanOf(child.heading));
    return false;
  });
}

function notesIn(section: Section | undefined, context: MarkdownContext): NoteModel[] {
  return (section?.body ?? []).flatMap((block) => (block.type === "blockquote" ? [noteModel(block, context)] : []));
}

function payloadTypes(operations: readonly OperationModel[], responses: readonly CatalogResponseModel[]) {
  const payloads = [
    ...operations.flatMap((operation) => [operation.request.payload, operation.success?.payload]),
    ...responses.map((response) => response.payload),
  ];
  return namedPayloads(payloads).map((name) => ({ name, description: "" }));
}
