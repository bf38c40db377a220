import { open, stat, type FileHandle } from 'node:fs/promises';

/**
 * Makes committed WAL frames durable off the event loop. With `synchronous = NORMAL`
 * SQLite writes a commit into the WAL without syncing it; `fdatasync` of the WAL file
 * afterwards is the same sync `synchronous = FULL` would have done inside COMMIT, but on
 * libuv's thread pool, so requests keep flowing (and batching) while the disk works.
 */
export class WalSync {
  private handle: FileHandle | null = null;
  private inode = -1;

  constructor(private readonly walPath: string) {}

  /** Resolves once every frame written to the WAL so far is on disk. */
  async sync(): Promise<void> {
    // The WAL file is only replaced when every connection has closed it; follow it if another process did so.
    const { ino } = await stat(this.walPath);
    if (!this.handle || ino !== this.inode) {
      await this.handle?.close();
      this.handle = await open(this.walPath, 'r');
      this.inode = (await this.handle.stat()).ino;
    }
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}
