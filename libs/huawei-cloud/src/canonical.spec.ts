import { canonicalHeaders, canonicalQuery, canonicalUri, sdkEncode } from './canonical';

describe('canonical request parts', () => {
  it('keeps only RFC 3986 unreserved characters, uppercase hex over UTF-8', () => {
    expect(sdkEncode("AZaz09-_.~ !'()*+/=&中")).toBe('AZaz09-_.~%20%21%27%28%29%2A%2B%2F%3D%26%E4%B8%AD');
  });

  it('encodes each path segment once and adds a trailing slash', () => {
    expect(canonicalUri('/v5/p/antivirus/pay-per-scan/tasks')).toBe('/v5/p/antivirus/pay-per-scan/tasks/');
    expect(canonicalUri('/a%20b/c!d/')).toBe('/a%20b/c%21d/');
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/bad%zz')).toBe('/bad%25zz/');
  });

  it('sorts keys and repeated values and re-encodes them', () => {
    expect(canonicalQuery('b=2&a=z&a=y&c')).toBe('a=y&a=z&b=2&c=');
    expect(canonicalQuery('q=a%20b&r=a+b&s=%E4%B8%AD')).toBe('q=a%20b&r=a%20b&s=%E4%B8%AD');
    expect(canonicalQuery('')).toBe('');
  });

  it('lists headers lower-case and sorted, values trimmed', () => {
    const { signedHeaders, block } = canonicalHeaders(new Map([['x-sdk-date', ' 1 '], ['host', 'h'], ['content-type', 'json']]));
    expect(signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(block).toBe('content-type:json\nhost:h\nx-sdk-date:1\n');
  });
});
