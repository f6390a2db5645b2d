/** The output formats on hand-made changes: placement, escaping, grouping of the changelog. */
import { describe, expect, it } from "vitest";
import { code, type Change } from "../../src/diff/change.js";
import { formatGithub } from "../../src/diff/format/github.js";
import { renderChangelog } from "../../src/diff/format/markdown.js";
import { formatText } from "../../src/diff/format/text.js";

const at = (file: string, line: number, column: number) => ({ file, line, column });

const CHANGES: readonly Change[] = [
  { rule: "prose-changed", severity: "info", category: "docs", operation: "ping", message: "`Ping`: summary changed", old: at("a.md", 3, 1), new: at("b.md", 4, 1) },
  { rule: "operation-added-server-to-client", severity: "info", category: "wire", operation: "tick", message: "`Tick`: new", old: null, new: at("b.md", 9, 1) },
  { rule: "operation-removed", severity: "error", category: "wire", operation: "pong", message: "`Pong`: operation removed", old: at("a.md", 7, 1), new: at("b.md", 1, 1) },
  { rule: "downlink-status-added", severity: "warning", category: "behaviour", operation: "ping", message: "`Ping`: 100% new, status: a,b\nnext", old: null, new: at("b.md", 5, 2) },
];

describe("text", () => {
  it("places a change in NEW, a removal in OLD, and prints each message as it is", () => {
    expect(formatText(CHANGES).split("\n")).toEqual([
      "b.md:4:1: info prose-changed: `Ping`: summary changed",
      "b.md:9:1: info operation-added-server-to-client: `Tick`: new",
      "a.md:7:1: error operation-removed: `Pong`: operation removed",
      "b.md:5:2: warning downlink-status-added: `Ping`: 100% new, status: a,b",
      "next",
      "",
    ]);
  });
});

describe("github", () => {
  it("writes one workflow command per change, notices for info, escaped as the toolkit does", () => {
    expect(formatGithub(CHANGES).split("\n")).toEqual([
      "::notice file=b.md,line=4,col=1,title=mqttgen diff prose-changed::`Ping`: summary changed",
      "::notice file=b.md,line=9,col=1,title=mqttgen diff operation-added-server-to-client::`Tick`: new",
      "::error file=b.md,line=1,col=1,title=mqttgen diff operation-removed::`Pong`: operation removed",
      "::warning file=b.md,line=5,col=2,title=mqttgen diff downlink-status-added::`Ping`: 100%25 new, status: a,b%0Anext",
      "",
    ]);
  });

  it("escapes colons and commas in properties", () => {
    const change = { ...(CHANGES[0] as Change), new: at("dir,x/a:b.md", 1, 1) };
    expect(formatGithub([change])).toContain("file=dir%2Cx/a%3Ab.md,");
  });
});

describe("markdown changelog", () => {
  const sides = { old: { title: "Lock *API*", apiVersion: "1" }, new: { title: "Lock *API*", apiVersion: "2" } };

  it("groups breaking changes, other changes (warnings first) and documentation", () => {
    expect(renderChangelog(CHANGES, sides)).toBe(
      [
        "## Lock \\*API\\*: changes, api-version `1` to `2`",
        "",
        "### Breaking changes",
        "",
        "- `Pong`: operation removed (`operation-removed`)",
        "",
        "### Other changes",
        "",
        "- **Check:** `Ping`: 100% new, status: a,b\nnext (`downlink-status-added`)",
        "- `Tick`: new (`operation-added-server-to-client`)",
        "",
        "### Documentation",
        "",
        "- `Ping`: summary changed (`prose-changed`)",
        "",
      ].join("\n"),
    );
  });

  it("says when nothing changed, under one api-version", () => {
    expect(renderChangelog([], { old: sides.new, new: sides.new })).toBe("## Lock \\*API\\*: changes, api-version `2`\n\nNo changes.\n");
  });
});

describe("code spans", () => {
  it("fence a value so that its own backticks cannot close it", () => {
    expect([code("a"), code("a`b"), code("``x"), code(7)]).toEqual(["`a`", "``a`b``", "``` ``x ```", "`7`"]);
  });

  it("show line breaks and other control characters as escapes, so a message stays one line", () => {
    expect(code("a\nb\tc\u0000")).toBe("`a\\nb\\tc\\u0000`");
  });
});
