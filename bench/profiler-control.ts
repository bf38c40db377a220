import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded (--require) into a profiled gateway. The V8 CPU profiler that --cpu-prof uses, started and stopped
 * over IPC so the profile covers exactly the measured window (not start-up or warm-up).
 */
const session = new Session();
session.connect();

function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
}

process.on('message', (msg: { type?: string; dir?: string }) => {
  if (msg.type === 'profile-start') {
    void post('Profiler.enable')
      .then(() => post('Profiler.start'))
      .then(() => process.send?.({ type: 'profile-started' }));
  } else if (msg.type === 'profile-stop' && msg.dir) {
    const file = join(msg.dir, `gateway-${process.pid}-${Date.now()}.cpuprofile`);
    void post('Profiler.stop').then((result) => {
      writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
      process.send?.({ type: 'profile-written', file });
    });
  }
});
