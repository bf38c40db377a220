import { AuditStoreClosedError, GroupCommitQueue } from './group-commit';

/** A writer that records its batches, like a transaction log. */
function recordingWriter(fail: (batch: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  const write = async (batch: number[]): Promise<string[]> => {
    batches.push(batch);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail(batch)) throw new Error('disk full');
    return batch.map((n) => `ok-${n}`);
  };
  return { batches, write };
}

describe('GroupCommitQueue', () => {
  it('writes items submitted in one tick as one batch and resolves each with its result', async () => {
    const { batches, write } = recordingWriter();
    const queue = new GroupCommitQueue(write);
    const results = await Promise.all([1, 2, 3].map((n) => queue.submit(n)));
    expect(results).toEqual(['ok-1', 'ok-2', 'ok-3']);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('batches items that arrive while a write is in flight into the next write', async () => {
    const { batches, write } = recordingWriter();
    const queue = new GroupCommitQueue(write);
    const first = queue.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => queue.submit(n));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps the batch size', async () => {
    const { batches, write } = recordingWriter();
    const queue = new GroupCommitQueue(write, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => queue.submit(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a failed write and nothing of the next', async () => {
    const { write } = recordingWriter((batch) => batch.includes(1));
    const queue = new GroupCommitQueue(write);
    const failed = [queue.submit(1), queue.submit(2)];
    await new Promise((resolve) => setImmediate(resolve));
    const next = queue.submit(3);
    for (const promise of failed) await expect(promise).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('ok-3');
  });

  it('settles nothing before the write finishes', async () => {
    let release: () => void = () => undefined;
    const queue = new GroupCommitQueue<number, number>(
      (batch) =>
        new Promise((resolve) => {
          release = () => resolve(batch);
        }),
    );
    let settled = false;
    const pending = queue.submit(1).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await pending;
    expect(settled).toBe(true);
  });

  it('close waits for queued items, then refuses new ones', async () => {
    const { write } = recordingWriter();
    const queue = new GroupCommitQueue(write);
    const pending = [1, 2].map((n) => queue.submit(n));
    let done = 0;
    pending.forEach((p) => p.then(() => (done += 1)));
    await queue.close();
    expect(done).toBe(2);
    await expect(queue.submit(3)).rejects.toBeInstanceOf(AuditStoreClosedError);
  });
});
