import { HSS_REGIONS, hssBaseUrl, resolveTarget } from './endpoints';

describe('hssBaseUrl', () => {
  it('builds the official host, with the .eu domain for eu-west-101', () => {
    expect(hssBaseUrl('cn-north-4')).toBe('https://hss.cn-north-4.myhuaweicloud.com');
    expect(hssBaseUrl('my-kualalumpur-1')).toBe('https://hss.my-kualalumpur-1.myhuaweicloud.com');
    expect(hssBaseUrl('eu-west-101')).toBe('https://hss.eu-west-101.myhuaweicloud.eu');
  });

  it('returns the override without trailing slashes', () => {
    expect(hssBaseUrl('cn-north-4', 'http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
    expect(hssBaseUrl('cn-north-4', 'https://hss.internal/prefix//')).toBe('https://hss.internal/prefix');
  });

  it('gives every known region a well-formed URL on its own host', () => {
    expect(HSS_REGIONS).toHaveLength(30);
    for (const region of HSS_REGIONS) {
      expect(new URL(hssBaseUrl(region)).hostname).toMatch(new RegExp(`^hss\\.${region}\\.myhuaweicloud\\.(com|eu)$`));
    }
  });

  it('refuses text that is not a region id', () => {
    expect(() => hssBaseUrl('cn-north-4.evil.com')).toThrow('Invalid region id');
  });
});

describe('resolveTarget', () => {
  const projects = new Map([
    ['cn-north-4', 'p-north'],
    ['eu-west-101', 'p-eu'],
  ]);

  it('resolves configured regions', () => {
    expect(resolveTarget('cn-north-4', projects)).toEqual({ region: 'cn-north-4', projectId: 'p-north', baseUrl: 'https://hss.cn-north-4.myhuaweicloud.com' });
    expect(resolveTarget('eu-west-101', projects, 'http://sandbox:4010/')).toEqual({ region: 'eu-west-101', projectId: 'p-eu', baseUrl: 'http://sandbox:4010' });
  });

  it('returns undefined for a known but unconfigured region', () => {
    expect(resolveTarget('ap-southeast-1', projects)).toBeUndefined();
  });

  it.each(['cn-north-4.evil.com', 'x@evil', '../', 'cn-north-4/../x', 'CN-NORTH-4', ' cn-north-4', 'cn-north-4 ', '', 'constructor', '__proto__', 'toString'])(
    'never yields a URL for caller text %j',
    (text) => {
      expect(resolveTarget(text, projects)).toBeUndefined();
      expect(resolveTarget(text, projects, 'http://sandbox:4010')).toBeUndefined();
    },
  );

  it('ignores configured keys that are not region ids', () => {
    const poisoned = new Map([['cn-north-4.evil.com', 'p']]);
    expect(resolveTarget('cn-north-4.evil.com', poisoned)).toBeUndefined();
  });
});
