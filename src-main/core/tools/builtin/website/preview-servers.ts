/**
 * Keeps track of running site previews so they can be stopped when their task ends (the lead's
 * task runner calls stopForTask), on shutdown (stopAll), or when they outlive maxLifetimeMs —
 * a preview must never keep a port open forever because a task forgot it.
 */
import { randomUUID } from 'node:crypto';
import { startStaticSiteServer, type StaticSiteServer } from './static-site-server.js';

export interface PreviewHandle {
  readonly id: string;
  readonly url: string;
  readonly root: string;
  readonly taskId: string | null;
  readonly startedAt: Date;
  stop(): Promise<void>;
}

export interface PreviewServerOptions {
  /** Default 30 minutes. */
  maxLifetimeMs?: number;
  /** Default 8: more previews at once would mean a forgotten one. */
  maxServers?: number;
}

export class PreviewServers {
  private readonly running = new Map<string, { handle: PreviewHandle; server: StaticSiteServer; timer: NodeJS.Timeout }>();
  private readonly maxLifetimeMs: number;
  private readonly maxServers: number;

  constructor(options: PreviewServerOptions = {}) {
    this.maxLifetimeMs = options.maxLifetimeMs ?? 30 * 60_000;
    this.maxServers = options.maxServers ?? 8;
  }

  /** Starts a preview of `rootDir`, or returns the one already serving it for the same task. */
  async start(rootDir: string, owner: { taskId: string | null }): Promise<PreviewHandle> {
    for (const entry of this.running.values()) {
      if (entry.server.root === rootDir && entry.handle.taskId === owner.taskId) return entry.handle;
    }
    if (this.running.size >= this.maxServers) {
      const oldest = [...this.running.values()].sort((a, b) => a.handle.startedAt.getTime() - b.handle.startedAt.getTime())[0];
      if (oldest) await oldest.handle.stop();
    }
    const server = await startStaticSiteServer(rootDir);
    const id = randomUUID();
    const handle: PreviewHandle = {
      id,
      url: server.url,
      root: server.root,
      taskId: owner.taskId,
      startedAt: new Date(),
      stop: () => this.stop(id).then(() => undefined),
    };
    const timer = setTimeout(() => void this.stop(id), this.maxLifetimeMs);
    timer.unref();
    this.running.set(id, { handle, server, timer });
    return handle;
  }

  async stop(id: string): Promise<boolean> {
    const entry = this.running.get(id);
    if (!entry) return false;
    this.running.delete(id);
    clearTimeout(entry.timer);
    await entry.server.close();
    return true;
  }

  async stopForTask(taskId: string): Promise<number> {
    const ids = [...this.running.values()].filter((e) => e.handle.taskId === taskId).map((e) => e.handle.id);
    await Promise.all(ids.map((id) => this.stop(id)));
    return ids.length;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  list(): PreviewHandle[] {
    return [...this.running.values()].map((e) => e.handle);
  }
}
