/**
 * Which lines of a markdown text stand inside a fenced code block or an HTML comment, where no markdown
 * syntax applies: line scans that run before micromark (splitting at headings, the pre-scan) must skip them.
 */
export class LiteralLines {
  private fence: string | undefined;
  private inComment = false;

  /** Feed the lines in order: true for a line inside a fence or comment (its closing line included). */
  inside(line: string): boolean {
    if (this.fence !== undefined) {
      if (new RegExp(`^ {0,3}${this.fence[0] === "`" ? "`" : "~"}{${this.fence.length},}\\s*$`).test(line)) this.fence = undefined;
      return true;
    }
    if (this.inComment) {
      this.inComment = !line.includes("-->");
      return true;
    }
    this.fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    this.inComment = line.includes("<!--") && !line.slice(line.indexOf("<!--")).includes("-->");
    return false;
  }
}
