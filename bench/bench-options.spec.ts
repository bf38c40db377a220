import { cpuLayout, parseBenchArgs } from './bench-options';

describe('parseBenchArgs', () => {
  it('defaults to the side-by-side matrix at c=1,16,64, 8 s per cell, pinned', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ mode: 'matrix', durationS: 8, concurrency: [1, 16, 64], pin: true, soakRequests: 200_000 });
    expect(cpuLayout(o)).toEqual({ target: '0', side: '1' });
  });

  it('reads the soak switch and overrides', () => {
    const o = parseBenchArgs(['--soak', '--requests=250000', '--no-pin', '--only=bare,sqlite']);
    expect(o).toMatchObject({ mode: 'soak', soakRequests: 250_000, pin: false, only: ['bare', 'sqlite'] });
    expect(cpuLayout(o)).toEqual({});
  });

  it('refuses unknown options and non-numbers', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown option --fast');
    expect(() => parseBenchArgs(['--duration=abc'])).toThrow('non-negative');
  });
});
