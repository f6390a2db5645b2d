/**
 * View-model of `templates/version-switcher.html.hbs`: links from one version's docs page to the same
 * page of every other version of its family, and to its changelog. Links are relative, from
 * `<name>/<version>/docs/`, so the docs work from `file://` and wherever the output directory is served.
 * A spec that is no family's gets no switcher: the page template prints an empty string.
 */
import { escapeHtml } from "../docs/html-text.js";
import type { HtmlPageView } from "../docs/html-view.js";
import type { TemplateSet } from "../render.js";
import type { FamilyEmitContext } from "./context.js";

/** One version in the switcher. */
export interface VersionLinkView {
  readonly label: string;
  /** Relative URL of that version's page of the same kind (reference or changelog, the oldest's reference); escaped for an attribute. */
  readonly href: string;
  /** The version the page belongs to: shown, not linked. */
  readonly isCurrent: boolean;
}

export interface VersionSwitcherView {
  readonly versions: readonly VersionLinkView[];
  /** Relative URL of this version's reference page. */
  readonly referenceHref: string;
  /** Relative URL of this version's changelog; empty when it has none (the oldest version). */
  readonly changelogHref: string;
  readonly hasChangelog: boolean;
  /** The page shown is the changelog (else the reference). */
  readonly onChangelog: boolean;
}

/** `templates/index.html.hbs`'s view-model: the reference page, with the version switcher of its family above it. */
export interface IndexPageView extends HtmlPageView {
  /** The rendered switcher, as HTML starting on a line of its own; empty for a spec that is no family's. */
  readonly versionSwitcher: string;
}

export type FamilyPage = "index.html" | "changelog.html";

export const CHANGELOG_PAGE: FamilyPage = "changelog.html";

export function versionSwitcherView(family: FamilyEmitContext, page: FamilyPage): VersionSwitcherView {
  return {
    versions: family.labels.map((label) => {
      // The oldest version has no changelog: its reference stands in for it.
      const target = page === CHANGELOG_PAGE && label !== family.labels[0] ? CHANGELOG_PAGE : "index.html";
      return {
        label: escapeHtml(label),
        href: escapeHtml(label === family.current ? page : `../../${encodeURIComponent(label)}/docs/${target}`),
        isCurrent: label === family.current,
      };
    }),
    referenceHref: "index.html",
    changelogHref: family.changelog === undefined ? "" : CHANGELOG_PAGE,
    hasChangelog: family.changelog !== undefined,
    onChangelog: page === CHANGELOG_PAGE,
  };
}

/** The switcher as HTML for a page: on a line of its own, or nothing outside a family. */
export function renderVersionSwitcher(family: FamilyEmitContext | undefined, page: FamilyPage, templates: TemplateSet): string {
  if (family === undefined) return "";
  return `\n${templates.render("version-switcher.html", versionSwitcherView(family, page)).trimEnd()}`;
}
