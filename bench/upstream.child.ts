import { startSandbox } from '@app/hss-sandbox';
import type { ServerListening, StartServer } from './child-protocol';

/** The upstream target: the HSS sandbox alone, signature checking on, in its own process. */
process.once('message', (msg: StartServer) => {
  // historyLimit 0: the sandbox keeps no call log, so a 200k-request soak measures the gateway, not this list.
  startSandbox({ credentials: [{ ak: msg.ak, sk: msg.sk }], historyLimit: 0 }).then(
    (sandbox) => {
      const reply: ServerListening = { type: 'listening', url: sandbox.url };
      process.send?.(reply);
      process.once('disconnect', () => void sandbox.close().then(() => process.exit(0)));
    },
    (err: Error) => {
      process.stderr.write(`upstream failed to start: ${err.message}\n`);
      process.exit(1);
    },
  );
});
