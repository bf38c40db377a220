/// <reference types="jest" />
import { AuditFilterError } from './audit-filter';
import type { AuditStore } from './audit-store';
import { GENESIS_HASH, hashEvent } from './event-hash';
import { describeAuditIntegrityContract } from './audit-store-integrity.contract';
import { appendInOrder, auditInput, type AuditStoreHarness, collect, type OpenHarness } from './testing/audit-store-harness';

/**
 * The behaviour every AuditStore adapter must show, run by each adapter's spec
 * against a real database. `open` gives a fresh, empty store per test.
 */
export function describeAuditStoreContract(name: string, open: OpenHarness): void {
  describe(`${name} AuditStore contract`, () => {
    let h: AuditStoreHarness;
    let store: AuditStore;
    let clock = new Date('2026-12-04T10:00:00.000Z');

    beforeEach(async () => {
      clock = new Date('2026-12-04T10:00:00.000Z');
      h = await open({ now: () => clock });
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('appends chained events and reads them back newest first, exactly as returned', async () => {
      const [first, second] = await appendInOrder(store, [auditInput(), auditInput({ phase: 'forward', status: null, upstream: null })]);
      expect(first?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(first?.time).toBe('2026-12-04T10:00:00.000Z');
      expect(first?.prev_hash).toBe(GENESIS_HASH);
      expect(second?.prev_hash).toBe(first?.hash);
      expect(first && hashEvent(first)).toBe(first?.hash);
      expect(second && hashEvent(second)).toBe(second?.hash);
      const page = await store.query({});
      expect(page).toEqual({ items: [second, first], next_cursor: null });
      expect(Object.keys(page.items[0] ?? {})).toEqual([
        'id', 'time', 'request_id', 'actor', 'action', 'target', 'request', 'phase', 'decision',
        'policy_version', 'reason', 'status', 'upstream', 'prev_hash', 'hash',
      ]);
      expect(Object.keys(page.items[0]?.actor ?? {})).toEqual(['sub', 'roles', 'ip', 'user_agent']);
    });

    it('stores only the contract fields and never a token', async () => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
      const input = {
        ...auditInput({ request: { task_name: 'x', authorization: `Bearer ${jwt}` }, reason: `token Bearer ${jwt} rejected` }),
        headers: { authorization: `Bearer ${jwt}` },
        security_token: 'sk-secret',
      };
      await store.append(input);
      const [stored] = (await store.query({})).items;
      expect(JSON.stringify(stored)).not.toContain(jwt);
      expect(JSON.stringify(stored)).not.toContain('sk-secret');
      expect(stored).not.toHaveProperty('headers');
      expect(stored?.request).toEqual({ task_name: 'x', authorization: '[REDACTED]' });
      expect((await store.verify()).ok).toBe(true);
    });

    it('filters by every field, alone and combined', async () => {
      const t0 = '2026-12-04T10:00:00.000Z';
      const t1 = '2026-12-04T11:00:00.000Z';
      const t2 = '2026-12-04T12:00:00.000Z';
      const seed = [
        { at: t0, input: auditInput({ request_id: 'r-a' }) },
        { at: t0, input: auditInput({ request_id: 'r-b', decision: 'deny', status: 403, upstream: null }) },
        { at: t1, input: auditInput({ request_id: 'r-c', actor: null, decision: null, status: 401, target: null, upstream: null }) },
        { at: t1, input: auditInput({ request_id: 'r-d', phase: 'forward', status: null, upstream: null }) },
        {
          at: t2,
          input: auditInput({
            request_id: 'r-e',
            actor: { sub: 'bob', roles: [], ip: null, user_agent: null },
            target: { region: null, project_id: null, enterprise_project_id: null, host_ids: ['host-2', 'host-3'] },
          }),
        },
      ];
      for (const { at, input } of seed) {
        clock = new Date(at);
        await store.append(input);
      }
      const ids = async (filter: Parameters<AuditStore['query']>[0]) => (await store.query(filter)).items.map((e) => e.request_id);
      expect(await ids({})).toEqual(['r-e', 'r-d', 'r-c', 'r-b', 'r-a']);
      expect(await ids({ request_id: 'r-c' })).toEqual(['r-c']);
      expect(await ids({ actor: 'bob' })).toEqual(['r-e']);
      expect(await ids({ actor: 'alice' })).toEqual(['r-d', 'r-b', 'r-a']);
      expect(await ids({ decision: 'deny' })).toEqual(['r-b']);
      expect(await ids({ decision: 'allow' })).toEqual(['r-e', 'r-d', 'r-a']);
      expect(await ids({ status: 401 })).toEqual(['r-c']);
      expect(await ids({ host_id: 'host-3' })).toEqual(['r-e']);
      expect(await ids({ host_id: 'host-1' })).toEqual(['r-d', 'r-b', 'r-a']);
      expect(await ids({ phase: 'forward' })).toEqual(['r-d']);
      expect(await ids({ from: new Date(t1) })).toEqual(['r-e', 'r-d', 'r-c']);
      expect(await ids({ to: new Date(t1) })).toEqual(['r-d', 'r-c', 'r-b', 'r-a']);
      expect(await ids({ from: new Date(t1), to: new Date(t1) })).toEqual(['r-d', 'r-c']);
      expect(await ids({ actor: 'alice', decision: 'allow', status: 200 })).toEqual(['r-a']);
      expect(await ids({ request_id: 'nope' })).toEqual([]);
    });

    it('rejects out-of-range limits and bad filters with AuditFilterError', async () => {
      for (const limit of [0, -1, 501, 1.5, Number.NaN]) {
        await expect(store.query({ limit })).rejects.toBeInstanceOf(AuditFilterError);
      }
      await expect(store.query({ from: new Date('nope') })).rejects.toBeInstanceOf(AuditFilterError);
      await expect(store.query({ decision: 'maybe' as 'allow' })).rejects.toBeInstanceOf(AuditFilterError);
      for (const cursor of ['', '!!!', 'MA', Buffer.from('abc').toString('base64url'), Buffer.from('-1').toString('base64url')]) {
        await expect(store.query({ cursor })).rejects.toBeInstanceOf(AuditFilterError);
      }
    });

    it('pages with the default limit of 100 and accepts 1 and 500', async () => {
      await Promise.all(Array.from({ length: 120 }, () => store.append(auditInput())));
      const page = await store.query({});
      expect(page.items).toHaveLength(100);
      expect(page.next_cursor).not.toBeNull();
      expect((await store.query({ limit: 1 })).items).toHaveLength(1);
      const all = await store.query({ limit: 500 });
      expect(all.items).toHaveLength(120);
      expect(all.next_cursor).toBeNull();
    });

    it('keeps the cursor stable while newer events arrive', async () => {
      const events = await appendInOrder(store, Array.from({ length: 25 }, () => auditInput()));
      const newestFirst = events.map((e) => e.id).reverse();
      const first = await store.query({ limit: 10 });
      await appendInOrder(store, Array.from({ length: 5 }, () => auditInput()));
      const second = await store.query({ limit: 10, cursor: first.next_cursor ?? undefined });
      const third = await store.query({ limit: 10, cursor: second.next_cursor ?? undefined });
      expect([...first.items, ...second.items, ...third.items].map((e) => e.id)).toEqual(newestFirst);
      expect(third.items).toHaveLength(5);
      expect(third.next_cursor).toBeNull();
    });

    it('returns a null cursor when the last page is exactly full', async () => {
      await appendInOrder(store, Array.from({ length: 20 }, () => auditInput()));
      const first = await store.query({ limit: 10 });
      const second = await store.query({ limit: 10, cursor: first.next_cursor ?? undefined });
      expect(second.items).toHaveLength(10);
      expect(second.next_cursor).toBeNull();
    });

    it('streams every matching event newest first across batches', async () => {
      const inputs = Array.from({ length: 1100 }, (_, i) => auditInput({ decision: i % 3 === 0 ? 'deny' : 'allow' }));
      const appended = await Promise.all(inputs.map((input) => store.append(input)));
      const all = await collect(store.stream({}));
      expect(all.map((e) => e.id)).toEqual(appended.map((e) => e.id).reverse());
      const denied = await collect(store.stream({ decision: 'deny' }));
      expect(denied).toHaveLength(367);
      expect(denied.every((e) => e.decision === 'deny')).toBe(true);
      expect(await collect(store.stream({ actor: 'nobody' }))).toEqual([]);
    });

    it('keeps time non-decreasing along the chain when the clock steps back', async () => {
      const a = await store.append(auditInput());
      clock = new Date('2026-12-04T09:00:00.000Z');
      const b = await store.append(auditInput());
      expect(b.time).toBe(a.time);
      expect((await store.verify()).ok).toBe(true);
    });

    it('indexes host ids a database column cannot hold verbatim, keeping the exact value in the event', async () => {
      const odd = ['nul\u0000host', 'lone\uD800surrogate'];
      const event = await store.append(
        auditInput({ request_id: 'r\u0000id', target: { region: null, project_id: null, enterprise_project_id: null, host_ids: odd } }),
      );
      expect(event.target?.host_ids).toEqual(odd);
      expect((await store.query({ host_id: 'nul\u0000host' })).items.map((e) => e.id)).toEqual([event.id]);
      expect((await store.query({ request_id: 'r\u0000id' })).items.map((e) => e.id)).toEqual([event.id]);
      expect((await store.query({})).items[0]?.target?.host_ids).toEqual(odd);
      expect(await store.verify()).toEqual({ ok: true, checked: 1, first_bad_id: null });
    });

    describeAuditIntegrityContract(() => h);
  });
}
