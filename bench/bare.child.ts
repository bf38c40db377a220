import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialsOf, signRequest, type Credentials } from '@app/huawei-cloud';
import type { ServerListening, StartServer } from './child-protocol';

const MAX_BODY = 64 * 1024;

/**
 * The floor: node:http + the project's signer, no framework, auth or audit. Same agent settings as HssClient
 * (keep-alive, 64 sockets) so the difference to the gateway is everything the gateway adds on top.
 */
function startBare(msg: StartServer): Promise<string> {
  const upstream = new URL(msg.upstreamUrl ?? '');
  const credentials: Credentials = credentialsOf(msg.ak, msg.sk);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const path = `/v5/${msg.projectId}/antivirus/pay-per-scan/tasks`;

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const search = new URL(req.url ?? '/', 'http://bare').search;
      let body: string;
      try {
        // Parse and re-serialize, as any forwarder that validates its input must.
        body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const headers = { 'Content-Type': 'application/json;charset=UTF-8', 'X-Project-Id': msg.projectId };
      const signed = signRequest({ method: 'POST', url: `${upstream.origin}${path}${search}`, headers, body }, credentials, new Date());
      const out = http.request(
        { agent, host: upstream.hostname, port: upstream.port, method: 'POST', path: `${path}${search}`, headers: signed.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, { 'Content-Type': 'application/json' });
          up.pipe(res);
        },
      );
      out.on('error', () => res.headersSent || res.writeHead(502).end());
      out.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

process.once('message', (msg: StartServer) => {
  void startBare(msg).then((url) => {
    const reply: ServerListening = { type: 'listening', url };
    process.send?.(reply);
  });
  process.once('disconnect', () => process.exit(0));
});
