import { canonicalize } from './canonical-json';

describe('canonicalize', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same value built in a different order', () => {
    expect(canonicalize({ x: 1, y: [1, 2] })).toBe(canonicalize(JSON.parse('{"y":[1,2],"x":1}')));
  });

  it('writes scalars as JSON does, including escapes and lone surrogates', () => {
    expect(canonicalize(['a"b\n', 1.5, -0, true, null, '\u0000', '\uD800'])).toBe('["a\\"b\\n",1.5,0,true,null,"\\u0000","\\ud800"]');
    expect(canonicalize([undefined])).toBe('[null]');
    expect(canonicalize(new Date('2026-01-01T00:00:00Z'))).toBe('"2026-01-01T00:00:00.000Z"');
  });

  it('round-trips through JSON.parse unchanged', () => {
    const text = canonicalize({ 'é': 'ü', '\u00e9x': 1, A: [{}, []], n: 1e21 });
    expect(canonicalize(JSON.parse(text))).toBe(text);
  });

  it('refuses values JSON would silently change', () => {
    expect(() => canonicalize({ n: Number.NaN })).toThrow('non-finite');
    expect(() => canonicalize({ n: Number.POSITIVE_INFINITY })).toThrow('non-finite');
    expect(() => canonicalize({ n: BigInt(1) })).toThrow('unsupported bigint');
    expect(() => canonicalize({ f: () => 1 })).toThrow('unsupported function');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalize(loop)).toThrow('circular');
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalize([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});
