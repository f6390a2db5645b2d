/** A real `mqttgen generate --watch` process, its stderr read line by line as it comes. */
import { spawn, type ChildProcess } from "node:child_process";
import { BIN, cliEnvironment } from "../support/cli.js";

export class WatchProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];
  private buffered = "";
  readonly exited: Promise<number | null>;

  constructor(cwd: string, args: readonly string[] = []) {
    this.child = spawn(process.execPath, [BIN, "generate", "--watch", ...args], { cwd, env: cliEnvironment(), stdio: ["ignore", "ignore", "pipe"] });
    this.child.stderr?.setEncoding("utf8");
    this.child.stderr?.on("data", (chunk: string) => {
      this.buffered += chunk;
      const complete = this.buffered.split("\n");
      this.buffered = complete.pop() ?? "";
      this.lines.push(...complete);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** The first line from `from` on that matches, and its index; fails after `timeoutMs` with what was printed. */
  async next(pattern: RegExp, from: number, timeoutMs = 20_000): Promise<{ line: string; index: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.lines.findIndex((line, i) => i >= from && pattern.test(line));
      const line = this.lines[index];
      if (line !== undefined) return { line, index };
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} after line ${from}; printed:\n${this.lines.join("\n")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops it as Ctrl-C or a service manager would; its exit code. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}
