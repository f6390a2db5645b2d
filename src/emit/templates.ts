/**
 * Every template and the view-model it is rendered with. This map is the templates' contract: rendering
 * is typed by it, templates/contracts.json and templates/README.md are derived from it at build time
 * (scripts/build-template-contracts.js), and a user's override of a template is checked against it.
 */
import type { ClientFileView } from "./client/view-model.js";
import type { ReferenceView } from "./docs/reference-view.js";
import type { ChangelogPageView } from "./family/changelog-page.js";
import type { IndexPageView, VersionSwitcherView } from "./family/version-switcher.js";
import type { MessagesFileView } from "./messages/view-model.js";
import type { PayloadsFileView } from "./payloads/view-model.js";
import type { ServerFileView } from "./server/view-model.js";
import type { StatusFileView } from "./status/view-model.js";

/** Template name (its file name in templates/ without `.hbs`) → the view-model it renders. */
export interface TemplateViews {
  readonly "status.ts": StatusFileView;
  readonly "payloads.ts": PayloadsFileView;
  readonly "messages.ts": MessagesFileView;
  readonly "client.ts": ClientFileView;
  readonly "server.ts": ServerFileView;
  readonly "reference.md": ReferenceView;
  readonly "index.html": IndexPageView;
  readonly "version-switcher.html": VersionSwitcherView;
  readonly "changelog.html": ChangelogPageView;
}

export type TemplateName = keyof TemplateViews;

export const TEMPLATE_NAMES: readonly TemplateName[] = [
  "status.ts",
  "payloads.ts",
  "messages.ts",
  "client.ts",
  "server.ts",
  "reference.md",
  "index.html",
  "version-switcher.html",
  "changelog.html",
];

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}
