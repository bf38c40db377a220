interface Pending<TIn, TOut> {
  item: TIn;
  resolve: (value: TOut) => void;
  reject: (reason: unknown) => void;
}

/** Thrown by submit() once the queue is closed. */
export class AuditStoreClosedError extends Error {
  override readonly name = 'AuditStoreClosedError';
  constructor() {
    super('audit store is closed');
  }
}

/**
 * Group commit: items submitted while a write is pending (or in the same tick)
 * are written together by one call of `write` — one transaction, one fsync.
 * Each promise settles only with that write: resolved after it committed,
 * rejected (all of them) if it threw. One write runs at a time.
 */
export class GroupCommitQueue<TIn, TOut> {
  private queue: Array<Pending<TIn, TOut>> = [];
  private running = false;
  private scheduled = false;
  private closed = false;
  private drainWaiters: Array<() => void> = [];

  constructor(
    private readonly write: (batch: TIn[]) => Promise<TOut[]> | TOut[],
    private readonly maxBatch = 512,
  ) {}

  /** Queues one item; settles when the batch holding it is committed or failed. */
  submit(item: TIn): Promise<TOut> {
    if (this.closed) return Promise.reject(new AuditStoreClosedError());
    return new Promise<TOut>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Refuses new items and resolves once every queued item has settled. */
  close(): Promise<void> {
    this.closed = true;
    return this.drained();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.running && !this.scheduled && this.queue.length === 0;
  }

  private schedule(): void {
    if (this.running || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate lets every append issued in this turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.running = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      if (results.length !== batch.length) throw new Error('group commit: writer returned a wrong number of results');
      batch.forEach((pending, i) => pending.resolve(results[i] as TOut));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running = false;
    }
    this.schedule();
    if (this.isIdle()) this.drainWaiters.splice(0).forEach((resolve) => resolve());
  }
}
