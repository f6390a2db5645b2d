/**
 * The emit stage: the files generated for one validated model, each rendered from its view-model,
 * given its header, and formatted when prettier is asked for (`--format` or a project configuration).
 */
import type { ApiModel } from "../model.js";
import { apiFileView } from "./api/view-model.js";
import { asyncApiYaml } from "./asyncapi/document.js";
import { mosquittoAclFile, mosquittoConf } from "./broker/mosquitto.js";
import { clientFileView } from "./client/view-model.js";
import { htmlPageView } from "./docs/html-view.js";
import { referenceView } from "./docs/reference-view.js";
import { changelogPageView, hasChangelog } from "./family/changelog-page.js";
import { renderVersionSwitcher } from "./family/version-switcher.js";
import { formatText } from "./format.js";
import { withHeader } from "./header.js";
import { byText } from "./order.js";
import { payloadsFileView } from "./payloads/view-model.js";
import { renderTemplate, TemplateSet } from "./render.js";
import { serverFileView } from "./server/view-model.js";
import { statusFileView } from "./status/view-model.js";
import { checkedPayloadTypes, validatorsDts, validatorsJs } from "./validators/module.js";
import type { TemplateName, TemplateViews } from "./templates.js";
import type { EmitContext, OutputFormat } from "./types.js";

/** One generated file: where it goes, how it is formatted, and how it is made from the model. */
interface OutputFile {
  /** Path relative to the spec's output directory, with `/` separators. */
  readonly path: string;
  readonly format: OutputFormat;
  /** The template it is rendered from, which a project may override; none for files printed in code. */
  readonly template?: TemplateName;
  /** The file's text without the header. */
  readonly render: (model: ApiModel, context: EmitContext, templates: TemplateSet) => string;
}

/** A file rendered from a template, which a project may override, with the view-model `view` makes. */
function fromTemplate<N extends TemplateName>(
  path: string,
  format: OutputFormat,
  template: N,
  view: (model: ApiModel, context: EmitContext, templates: TemplateSet) => TemplateViews[N],
): OutputFile {
  return { path, format, template, render: (model, context, templates) => templates.render(template, view(model, context, templates)) };
}

/** Every file generated for an API. */
const OUTPUT_FILES: readonly OutputFile[] = [
  // The status catalog, a parser for received statuses and one error class per failing status.
  fromTemplate("status.ts", "typescript", "status.ts", (model, context) => statusFileView(model, context.specName)),
  // A type per named payload type, from its JSON Schema, shared by client and server.
  fromTemplate("payloads.ts", "typescript", "payloads.ts", (model, context) => payloadsFileView(model, context.specName)),
  // The one table of the API (dialect, connection, statuses, operations), imported by client.ts and server.ts.
  fromTemplate("api.ts", "typescript", "api.ts", (model, context) =>
    apiFileView(model, context.specName, checkedPayloadTypes(model)),
  ),
  // The payload checks api.ts refers to: Ajv's standalone code, printed in code, with its types beside it.
  { path: "validators.js", format: "typescript", render: (model, context) => validatorsJs(model, context.specName) },
  { path: "validators.d.ts", format: "typescript", render: (model, context) => validatorsDts(model, context.specName) },
  // The typed device client: types and one-call methods over the runtime's DeviceClient.
  fromTemplate("client.ts", "typescript", "client.ts", (model, context) => clientFileView(model, context.specName)),
  // Typed handlers and server→client calls over the runtime's MqttServerEndpoint.
  fromTemplate("server.ts", "typescript", "server.ts", (model, context) => serverFileView(model, context.specName)),
  // The reference in the seed's markdown layout, which the markdown front end reads back as the same model.
  fromTemplate("docs/reference.md", "markdown", "reference.md", referenceView),
  // The reference as one self-contained static page, with its family's version switcher.
  fromTemplate("docs/index.html", "html", "index.html", (model, context, templates) => ({
    ...htmlPageView(model, context.specName),
    versionSwitcher: renderVersionSwitcher(context.family, "index.html", templates),
  })),
  // The API as an AsyncAPI 3.0 document, printed in code.
  { path: "asyncapi.yaml", format: "yaml", render: (model) => asyncApiYaml(model) },
  // Mosquitto's configuration and ACL for serving the API through a broker, as the runtime derives them.
  { path: "broker/mosquitto.conf", format: "conf", render: mosquittoConf },
  { path: "broker/acl", format: "conf", render: mosquittoAclFile },
];

/** The changelog page of a family's version after the oldest: the diff against the version before. */
const CHANGELOG_FILE = fromTemplate("docs/changelog.html", "html", "changelog.html", (model, context, templates) => {
  if (!hasChangelog(context.family)) throw new Error("docs/changelog.html is rendered only for a version with a changelog");
  return changelogPageView(model, context.family, templates);
});

export interface RenderOptions {
  /** Run prettier with this configuration (`{}` for prettier's defaults); skip formatting when absent. */
  readonly prettierConfig?: Record<string, unknown>;
  /** The templates to render with: the built-in ones unless the project overrides some. */
  readonly templates?: TemplateSet;
}

/** A generated file's final text, keyed by its path relative to the spec's output directory. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

export async function renderSpec(
  model: ApiModel,
  context: EmitContext,
  options: RenderOptions = {},
): Promise<RenderedFile[]> {
  const facts = { ...context, apiVersion: model.apiVersion };
  const templates = options.templates ?? new TemplateSet();
  const rendered: RenderedFile[] = [];
  // One file at a time: prettier formatting them all at once holds every file's syntax tree together.
  for (const file of hasChangelog(context.family) ? [...OUTPUT_FILES, CHANGELOG_FILE] : OUTPUT_FILES) {
    const override = file.template === undefined ? undefined : templates.overrideOf(file.template);
    const inputs = file === CHANGELOG_FILE ? { additionalInputs: [...(context.additionalInputs ?? []), ...(context.family?.changelog?.previousInputs ?? [])] } : {};
    const header = override === undefined ? { ...facts, ...inputs } : { ...facts, ...inputs, templateOverride: { path: override.path, sha256: override.sha256 } };
    const text = withHeader(file.format, file.render(model, context, templates), header);
    const content = options.prettierConfig
      ? await formatText(text, file.format, { config: options.prettierConfig })
      : text;
    rendered.push({ path: file.path, content });
  }
  return rendered.sort(byText((file) => file.path));
}

/** The model as reference markdown (`docs/reference.md` without its header); `mqttgen convert SPEC --to markdown` prints it. */
export function modelToMarkdown(model: ApiModel): string {
  return renderTemplate("reference.md", referenceView(model));
}
