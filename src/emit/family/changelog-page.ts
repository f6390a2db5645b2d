/**
 * View-model of `templates/changelog.html.hbs`: one version's changelog, the `mqttgen diff` of the
 * version before against it, in the groups of the markdown changelog (`changelogSections`), each change
 * with its rule, severity and message (markdown code spans as `<code>`).
 */
import { changelogSections } from "../../diff/format/markdown.js";
import type { ApiModel } from "../../model.js";
import { escapeHtml, inlineMarkdownHtml } from "../docs/html-text.js";
import type { TemplateSet } from "../render.js";
import type { FamilyChangelog, FamilyEmitContext } from "./context.js";
import { CHANGELOG_PAGE, renderVersionSwitcher } from "./version-switcher.js";

export interface ChangeItemView {
  readonly rule: string;
  readonly severity: string;
  readonly category: string;
  /** The change's message as inline HTML. */
  readonly message: string;
  /** A warning among other changes: to check first. */
  readonly check: boolean;
}

export interface ChangeSectionView {
  readonly heading: string;
  readonly items: readonly ChangeItemView[];
}

export interface ChangelogPageView {
  readonly title: string;
  readonly apiVersion: string;
  readonly previousApiVersion: string;
  /** The rendered version switcher (`version-switcher.html`). */
  readonly versionSwitcher: string;
  readonly sections: readonly ChangeSectionView[];
  readonly hasChanges: boolean;
}

export function changelogPageView(model: ApiModel, family: FamilyEmitContext & { readonly changelog: FamilyChangelog }, templates: TemplateSet): ChangelogPageView {
  const sections = changelogSections(family.changelog.changes).map((section) => ({
    heading: section.heading,
    items: section.items.map(({ change, check }) => ({
      rule: change.rule,
      severity: change.severity,
      category: change.category,
      message: inlineMarkdownHtml(change.message),
      check,
    })),
  }));
  return {
    title: escapeHtml(model.title),
    apiVersion: escapeHtml(model.apiVersion),
    previousApiVersion: escapeHtml(family.changelog.previousApiVersion),
    versionSwitcher: renderVersionSwitcher(family, CHANGELOG_PAGE, templates),
    sections,
    hasChanges: sections.length > 0,
  };
}

/** Whether a version has a changelog page: every version of a family but the oldest. */
export function hasChangelog(family: FamilyEmitContext | undefined): family is FamilyEmitContext & { readonly changelog: FamilyChangelog } {
  return family?.changelog !== undefined;
}
