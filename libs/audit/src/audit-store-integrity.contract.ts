/// <reference types="jest" />
import type { AuditEvent } from './audit-event';
import { AuditEventError } from './event-input';
import { AuditStoreClosedError } from './group-commit';
import { appendInOrder, auditInput, type AuditStoreHarness, collect } from './testing/audit-store-harness';

/** Chain verification, tampering, concurrency and lifecycle; part of describeAuditStoreContract. */
export function describeAuditIntegrityContract(harness: () => AuditStoreHarness): void {
  let events: AuditEvent[];
  const seedTen = async (): Promise<string[]> => {
    events = await appendInOrder(harness().store, Array.from({ length: 10 }, () => auditInput()));
    return events.map((e) => e.id);
  };

  describe('verify', () => {
    it('reports ok on an empty store and on a valid chain', async () => {
      expect(await harness().store.verify()).toEqual({ ok: true, checked: 0, first_bad_id: null });
      await seedTen();
      expect(await harness().store.verify()).toEqual({ ok: true, checked: 10, first_bad_id: null });
    });

    it('names the event whose stored body was changed', async () => {
      const ids = await seedTen();
      await harness().tamper.rewriteBody(ids[4] as string, (body) => {
        body.status = 201;
      });
      expect(await harness().store.verify()).toEqual({ ok: false, checked: 5, first_bad_id: ids[4] });
    });

    it('names the event whose indexed column was changed', async () => {
      const ids = await seedTen();
      await harness().tamper.setStatusColumn(ids[6] as string, 500);
      expect(await harness().store.verify()).toEqual({ ok: false, checked: 7, first_bad_id: ids[6] });
    });

    it('names the event after a deleted one', async () => {
      const ids = await seedTen();
      await harness().tamper.deleteEvent(ids[3] as string);
      expect(await harness().store.verify()).toEqual({ ok: false, checked: 4, first_bad_id: ids[4] });
    });

    it('names the missing newest event when the tail was cut off', async () => {
      const ids = await seedTen();
      await harness().tamper.deleteEvent(ids[9] as string);
      expect(await harness().store.verify()).toEqual({ ok: false, checked: 9, first_bad_id: ids[9] });
    });

    it('names the first event out of place when two were swapped', async () => {
      const ids = await seedTen();
      await harness().tamper.swapOrder(ids[2] as string, ids[5] as string);
      expect(await harness().store.verify()).toEqual({ ok: false, checked: 3, first_bad_id: ids[5] });
    });

    it('names the oldest of several bad events', async () => {
      const ids = await seedTen();
      await harness().tamper.deleteEvent(ids[7] as string);
      await harness().tamper.rewriteBody(ids[1] as string, (body) => {
        body.reason = 'rewritten';
      });
      expect((await harness().store.verify()).first_bad_id).toBe(ids[1]);
    });
  });

  describe('appends', () => {
    it('commits 1000 concurrent appends as one valid chain', async () => {
      const { store } = harness();
      const appended = await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(auditInput({ request_id: `c-${i}` }))));
      expect(new Set(appended.map((e) => e.id)).size).toBe(1000);
      expect(new Set(appended.map((e) => e.prev_hash)).size).toBe(1000);
      expect(await store.verify()).toEqual({ ok: true, checked: 1000, first_bad_id: null });
      expect((await collect(store.stream({}))).map((e) => e.request_id).sort()).toEqual(appended.map((e) => e.request_id).sort());
    });

    it('keeps one chain when two more store instances append at the same time', async () => {
      const h = harness();
      const others = [await h.openSibling(), await h.openSibling()];
      const stores = [h.store, ...others];
      const appended = await Promise.all(
        stores.flatMap((store, s) => Array.from({ length: 150 }, (_, i) => store.append(auditInput({ request_id: `s${s}-${i}` })))),
      );
      expect(appended).toHaveLength(450);
      for (const store of stores) expect(await store.verify()).toEqual({ ok: true, checked: 450, first_bad_id: null });
    });

    it('rejects a malformed event without failing the others committed with it', async () => {
      const { store } = harness();
      const bad = store.append({ ...auditInput(), phase: 'later' as 'final' });
      const good = store.append(auditInput());
      const badRequest = store.append({ ...auditInput(), request: { n: Number.POSITIVE_INFINITY } });
      await expect(bad).rejects.toBeInstanceOf(AuditEventError);
      await expect(badRequest).rejects.toBeInstanceOf(AuditEventError);
      await expect(good).resolves.toMatchObject({ phase: 'final' });
      expect((await store.verify()).checked).toBe(1);
    });

    it('flushes pending appends on close and rejects appends after it', async () => {
      const h = harness();
      const pending = Array.from({ length: 50 }, () => h.store.append(auditInput()));
      await h.store.close();
      const committed = await Promise.all(pending);
      await expect(h.store.append(auditInput())).rejects.toBeInstanceOf(AuditStoreClosedError);
      await expect(h.store.ping()).rejects.toThrow();
      const reopened = await h.openSibling();
      expect(await reopened.verify()).toEqual({ ok: true, checked: 50, first_bad_id: null });
      expect((await reopened.query({ limit: 1 })).items[0]?.id).toBe(committed[49]?.id);
    });

    it('answers ping while open', async () => {
      await expect(harness().store.ping()).resolves.toBeUndefined();
    });
  });
}
