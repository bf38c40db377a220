import { parsePostgresUrl, quoteIdent } from './postgres-url';

describe('parsePostgresUrl', () => {
  it('strips the schema parameter and keeps the rest', () => {
    expect(parsePostgresUrl('postgres://postgres@127.0.0.1:5432/test?schema=audit_1&sslmode=disable')).toEqual({
      connectionString: 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable',
      schema: 'audit_1',
    });
    expect(parsePostgresUrl('postgresql://u:p@h/db')).toEqual({ connectionString: 'postgresql://u:p@h/db', schema: null });
    expect(parsePostgresUrl('postgres://h/db?schema=x').connectionString).toBe('postgres://h/db');
  });

  it.each(['not a url', 'http://h/db', 'postgres://h/db?schema=a-b', 'postgres://h/db?schema='])('rejects %j', (url) => {
    expect(() => parsePostgresUrl(url)).toThrow(/AUDIT_DB/);
  });

  it('quotes identifiers', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
