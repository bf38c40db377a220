import { moduleOf, summarizeProfile, type CpuProfile } from './cpu-profile-summary';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('moduleOf', () => {
  it.each([
    ['/w/node_modules/express/lib/router/index.js', 'handle', 'express'],
    ['/w/node_modules/@nestjs/core/router/router-proxy.js', 'x', '@nestjs/core'],
    ['/w/node_modules/a/node_modules/b/index.js', 'x', 'b'],
    ['node:internal/streams/writable', 'write', 'node core'],
    ['file:///w/dist/libs/huawei-cloud/src/signer.js', 'signRequest', 'project:libs/huawei-cloud/src/signer.js'],
    ['', '(garbage collector)', '(garbage collector)'],
    ['', 'writev', '(native)'],
  ])('%s -> %s', (url, fn, expected) => {
    expect(moduleOf(url, fn)).toBe(expected);
  });
});

describe('summarizeProfile', () => {
  it('adds each sample delta to its node, keeps idle out of the shares, and ranks by self time', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('signRequest', '/w/dist/libs/huawei-cloud/src/signer.js', 21) },
        { id: 4, callFrame: frame('handle', '/w/node_modules/express/lib/router/index.js', 9) },
      ],
      samples: [3, 4, 3, 2, 3],
      timeDeltas: [1000, 1000, 2000, 5000, 1000],
      startTime: 0,
      endTime: 10_000,
    };
    const s = summarizeProfile(profile);
    expect(s).toMatchObject({ wallMs: 10, busyMs: 5, idleMs: 5 });
    expect(s.functions).toEqual([
      { name: 'signRequest libs/huawei-cloud/src/signer.js:22', selfMs: 4, pct: 80 },
      { name: 'handle express/lib/router/index.js:10', selfMs: 1, pct: 20 },
    ]);
    expect(s.modules.map((m) => m.name)).toEqual(['project:libs/huawei-cloud/src/signer.js', 'express']);
  });
});
