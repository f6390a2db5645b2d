/** What a command may touch of its process: its directory and environment, and its two output streams. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The script Node.js ran (`process.argv[1]`), to name the command as the user typed it. */
  readonly script: string | undefined;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    script: process.argv[1],
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
