/**
 * Keeps knowledge folders in step with the disk: one recursive fs.watch per folder, and a change
 * (a burst of them, as editors save in several steps) asks for one sync after a quiet moment. A
 * watcher that dies (the folder was deleted or unmounted) reports why; the folder's next sync
 * says what is wrong.
 */
import { watch, type FSWatcher } from 'node:fs';

export const SYNC_DEBOUNCE_MS = 500;

export class FolderWatchers {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onChange: (folderId: string) => void,
    private readonly onError: (folderId: string, message: string) => void,
  ) {}

  watch(folderId: string, folderPath: string): void {
    this.unwatch(folderId);
    try {
      const watcher = watch(folderPath, { recursive: true, persistent: false }, () => this.changed(folderId));
      watcher.on('error', (err) => {
        this.unwatch(folderId);
        this.onError(folderId, `Steward stopped watching ${folderPath} (${err.message}); changes show after a Rescan.`);
      });
      this.watchers.set(folderId, watcher);
    } catch (err) {
      this.onError(folderId, `Steward cannot watch ${folderPath} for changes (${(err as Error).message}); use Rescan after you change its files.`);
    }
  }

  unwatch(folderId: string): void {
    this.watchers.get(folderId)?.close();
    this.watchers.delete(folderId);
    clearTimeout(this.timers.get(folderId));
    this.timers.delete(folderId);
  }

  closeAll(): void {
    for (const id of [...this.watchers.keys(), ...this.timers.keys()]) this.unwatch(id);
  }

  private changed(folderId: string): void {
    clearTimeout(this.timers.get(folderId));
    const timer = setTimeout(() => {
      this.timers.delete(folderId);
      this.onChange(folderId);
    }, SYNC_DEBOUNCE_MS);
    timer.unref();
    this.timers.set(folderId, timer);
  }
}
