import { open, type FileHandle } from 'node:fs/promises';

/**
 * Makes committed WAL frames durable off the event loop. With `synchronous = NORMAL`
 * SQLite writes a commit into the WAL without syncing it; `fdatasync` of the WAL file
 * afterwards is the same sync `synchronous = FULL` would have done inside COMMIT, but on
 * libuv's thread pool, so requests keep flowing (and batching) while the disk works.
 */
export class WalSync {
  private handle: FileHandle | null = null;

  constructor(private readonly walPath: string) {}

  /**
   * Resolves once every frame written to the WAL so far is on disk. The handle is opened
   * once: SQLite only deletes a WAL when the last connection to the database closes it,
   * and this store's connection stays open for as long as it syncs; checkpoints rewrite
   * the same file in place.
   */
  async sync(): Promise<void> {
    this.handle ??= await open(this.walPath, 'r');
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
