/**
 * Watches a set of files, and directories for files that appear in them, and calls back once per burst
 * of changes. Directories are watched rather than files: an editor that saves by writing a new file and
 * renaming it over the old one (an atomic save) replaces the file's inode, which a watch on the file
 * would lose, while its directory sees the rename. A directory that does not exist yet is watched through
 * its nearest existing parent until it appears. A burst ends after `quietMs` without a change (editors
 * write, truncate, rename and chmod within a few milliseconds), or `maxWaitMs` after it began.
 */
import { existsSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";

export interface WatchTargets {
  /** Files whose changes count (absolute paths); they need not exist. */
  readonly files: readonly string[];
  /** Directories where a new, changed or removed file counts when `accepts` takes its name. */
  readonly directories: readonly {
    readonly dir: string;
    readonly recursive: boolean;
    readonly accepts: (name: string) => boolean;
  }[];
}

export interface Burst {
  /** The paths that changed, absolute, each once, in the order first seen. */
  readonly paths: readonly string[];
  /** `performance.now()` when the burst's first change arrived. */
  readonly since: number;
}

/** A burst ends this long after its last change, or this long after its first. */
const QUIET_MS = 10;
const MAX_WAIT_MS = 200;

interface Watch {
  readonly watcher: FSWatcher;
  readonly recursive: boolean;
}

export class FileWatcher {
  private readonly watches = new Map<string, Watch>();
  private targets: WatchTargets = { files: [], directories: [] };
  private pending: { paths: Set<string>; since: number } | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onBurst: (burst: Burst) => void,
    /** A directory that cannot be watched for another reason than having just gone (ENOSPC: inotify's limit). */
    private readonly onWatchError: (dir: string, error: unknown) => void,
  ) {}

  /** Watches `targets` from now on, opening and closing directory watches as needed. */
  update(targets: WatchTargets): void {
    this.targets = targets;
    const wanted = new Map<string, boolean>();
    const want = (dir: string, recursive: boolean): void => {
      const existing = nearestExisting(dir);
      wanted.set(existing, (wanted.get(existing) ?? false) || (recursive && existing === dir));
    };
    for (const file of targets.files) want(dirname(file), false);
    for (const { dir, recursive } of targets.directories) want(dir, recursive);
    for (const [dir, watch] of this.watches) {
      if (wanted.get(dir) !== watch.recursive) this.unwatch(dir);
    }
    for (const [dir, recursive] of wanted) if (!this.watches.has(dir)) this.watch(dir, recursive);
  }

  /** How many directories are watched. */
  get directoryCount(): number {
    return this.watches.size;
  }

  close(): void {
    for (const dir of [...this.watches.keys()]) this.unwatch(dir);
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
  }

  private watch(dir: string, recursive: boolean): void {
    try {
      const watcher = watch(dir, { recursive, persistent: true }, (_, name) => this.changed(dir, name === null ? undefined : String(name)));
      // A watched directory that is removed ends its watch: count it as a change, which re-watches.
      watcher.on("error", () => {
        this.unwatch(dir);
        this.changed(dir, undefined);
      });
      this.watches.set(dir, { watcher, recursive });
    } catch (error) {
      // Gone between the check and the watch: its parent is watched at the next update.
      if (existsSync(dir)) this.onWatchError(dir, error);
    }
  }

  private unwatch(dir: string): void {
    this.watches.get(dir)?.watcher.close();
    this.watches.delete(dir);
  }

  private changed(dir: string, name: string | undefined): void {
    const path = name === undefined ? dir : join(dir, name);
    if (!this.counts(path)) return;
    const now = performance.now();
    if (this.pending === undefined) {
      this.pending = { paths: new Set(), since: now };
      this.maxTimer = setTimeout(() => this.flush(), MAX_WAIT_MS);
    }
    this.pending.paths.add(path);
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), QUIET_MS);
  }

  /** A change counts when it is to a watched file, in a watched directory, or on the way to one that does not exist yet. */
  private counts(path: string): boolean {
    if (this.targets.files.includes(path)) return true;
    const watched = this.targets.directories.some(({ dir, recursive, accepts }) => {
      const inside = relative(dir, path);
      if (inside === "" || inside.startsWith("..")) return false;
      return (recursive || !inside.includes(sep)) && accepts(basename(path));
    });
    if (watched) return true;
    // A change to a directory on the way to a target that does not exist yet: it may have appeared.
    const wanted = [...this.targets.files.map((file) => dirname(file)), ...this.targets.directories.map((d) => d.dir)];
    return wanted.some((dir) => !this.watches.has(dir) && (dir === path || dir.startsWith(`${path}${sep}`)));
  }

  private flush(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined) this.onBurst({ paths: [...pending.paths], since: pending.since });
  }
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
