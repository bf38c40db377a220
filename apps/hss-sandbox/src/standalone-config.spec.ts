import { parseStandaloneConfig } from './standalone-config';

const KEYS = { SANDBOX_AK: 'standalone-ak', SANDBOX_SK: 'standalone-sk' };

describe('parseStandaloneConfig', () => {
  it('applies defaults', () => {
    expect(parseStandaloneConfig(KEYS)).toEqual({ port: 8081, host: '127.0.0.1', ak: 'standalone-ak', sk: 'standalone-sk' });
  });

  it('reads port, host and hosts file', () => {
    expect(parseStandaloneConfig({ ...KEYS, SANDBOX_PORT: '9000', SANDBOX_HOST: '0.0.0.0', SANDBOX_HOSTS_FILE: '/tmp/h.json' })).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      hostsFile: '/tmp/h.json',
    });
  });

  it.each(['SANDBOX_AK', 'SANDBOX_SK'])('refuses to start without %s, naming it but not the other key', (name) => {
    const env: Record<string, string | undefined> = { ...KEYS, [name]: undefined };
    expect(() => parseStandaloneConfig(env)).toThrow(name);
    try {
      parseStandaloneConfig(env);
    } catch (err) {
      expect((err as Error).message).not.toMatch(/standalone-(ak|sk)/);
    }
  });

  it.each(['http', '-1', '70000', ''])('rejects SANDBOX_PORT=%j', (port) => {
    expect(() => parseStandaloneConfig({ ...KEYS, SANDBOX_PORT: port })).toThrow('SANDBOX_PORT');
  });
});
