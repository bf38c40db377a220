import { formatSdkDate, parseSdkDate } from './sdk-date';

describe('X-Sdk-Date', () => {
  it('formats UTC with second precision', () => {
    expect(formatSdkDate(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });

  it('parses its own format back', () => {
    expect(parseSdkDate('20260102T030405Z')?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it.each(['', '2026-01-02T03:04:05Z', '20260102T030405', '20261302T030405Z', '20260230T000000Z', '20260102T250000Z', ' 20260102T030405Z'])(
    'rejects %j',
    (value) => {
      expect(parseSdkDate(value)).toBeUndefined();
    },
  );
});
