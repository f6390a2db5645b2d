/** Types of local-process.js. */
import type { ChildProcess } from "node:child_process";

export declare function listening(
  name: string,
  child: ChildProcess,
  port: number,
  dir: string,
): Promise<() => Promise<void>>;
export declare function freePort(): Promise<number>;
