import { connect, type Socket } from 'node:net';
import { postScan, scanBody, startTestGateway, type TestGateway } from '@app/testing';

/** Resolves when the server closes the socket, with the time it took and whatever it sent first. */
function whenClosed(socket: Socket, started: number): Promise<{ afterMs: number; reply: string }> {
  let reply = '';
  socket.on('data', (d: Buffer) => (reply += d.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', () => resolve({ afterMs: Date.now() - started, reply })));
}

/** helmet headers, the 64 KiB body limit, and timeouts that stop slow clients from holding sockets. */
describe('hardening', () => {
  let gw: TestGateway;
  let port: number;

  beforeAll(async () => {
    gw = await startTestGateway();
    port = Number(new URL(gw.url).port);
  });
  afterAll(async () => {
    await gw.close();
  });

  it('sends helmet security headers and no X-Powered-By, on success and on errors', async () => {
    for (const res of [await postScan(gw.url), await postScan(gw.url, { token: null })]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeDefined();
    }
  });

  it('a body over 64 KiB gets 413 in the error shape and is not forwarded; one just under passes the parser', async () => {
    const before = gw.sandbox.calls.length;
    const big = JSON.stringify(scanBody({ task_name: 'x'.repeat(64 * 1024) }));
    const res = await postScan(gw.url, { rawBody: big });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', request_id: res.headers['x-request-id'] });
    expect(gw.sandbox.calls.length).toBe(before);

    // Under the limit the parser accepts it, and validation answers (task_name is over 255 characters).
    const underLimit = JSON.stringify(scanBody({ task_name: 'x'.repeat(60 * 1024) }));
    expect((await postScan(gw.url, { rawBody: underLimit })).status).toBe(400);
  });

  it('closes sockets that send headers byte by byte, send nothing, or sit idle after a response', async () => {
    const started = Date.now();
    const slow = connect(port, '127.0.0.1');
    const head = `POST /api/v1/antivirus/pay-per-scan/tasks HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(200)}`;
    let sent = 0;
    const dribble = setInterval(() => sent < head.length && slow.write(head[sent++]), 300);
    const silent = connect(port, '127.0.0.1');
    const idle = connect(port, '127.0.0.1', () => idle.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n'));

    const [slowClosed, silentClosed, idleClosed] = await Promise.all([whenClosed(slow, started), whenClosed(silent, started), whenClosed(idle, started)]);
    clearInterval(dribble);
    // headersTimeout is 10 s, checked every second; keep-alive sockets idle for 5 s are closed.
    expect(slowClosed.afterMs).toBeGreaterThanOrEqual(9_500);
    expect(slowClosed.afterMs).toBeLessThan(13_000);
    expect(slowClosed.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(sent).toBeLessThan(head.length);
    expect(silentClosed.afterMs).toBeLessThan(13_000);
    expect(idleClosed.reply).toMatch(/^HTTP\/1\.1 200/);
    expect(idleClosed.afterMs).toBeGreaterThanOrEqual(4_500);
    expect(idleClosed.afterMs).toBeLessThan(7_000);
  }, 20_000);
});
