import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoHostsFile, inEnterpriseProject, loadSandboxHosts, parseHosts } from './sandbox-hosts';

describe('loadSandboxHosts', () => {
  it('loads the demo inventory from config/sandbox-hosts.json', () => {
    expect(demoHostsFile()).toMatch(/config[\\/]sandbox-hosts\.json$/);
    const hosts = loadSandboxHosts();
    expect(hosts.map((h) => [h.host_id, h.enterprise_project_id])).toEqual([
      ['host-web-1', 'ep-web'],
      ['host-web-2', 'ep-web'],
      ['host-db-1', 'ep-db'],
      ['host-db-2', 'ep-db'],
      ['host-default-1', '0'],
    ]);
    for (const host of hosts) {
      expect(['online', 'offline']).toContain(host.agent_status);
      expect(['opened', 'closed']).toContain(host.protect_status);
      expect(['Linux', 'Windows']).toContain(host.os_type);
    }
  });

  it('loads a given file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-hosts-')), 'hosts.json');
    writeFileSync(file, JSON.stringify([{ host_id: 'h1', agent_id: 'a1' }]));
    expect(loadSandboxHosts(file)).toEqual([{ host_id: 'h1', agent_id: 'a1' }]);
  });

  it('names the file when it cannot be read or parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-hosts-'));
    expect(() => loadSandboxHosts(join(dir, 'missing.json'))).toThrow(/missing\.json/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    expect(() => loadSandboxHosts(bad)).toThrow(/bad\.json/);
  });
});

describe('parseHosts', () => {
  it.each([
    [{}, /must be a JSON array/],
    [[null], /item 0 must be an object/],
    [[{ host_name: 'x' }], /item 0: host_id/],
    [[{ host_id: 'a' }, { host_id: 'a' }], /item 1: duplicate host_id a/],
    [[{ host_id: 'a', os_type: 3 }], /item 0: os_type must be a string/],
  ])('rejects %j', (value, message) => {
    expect(() => parseHosts(value, 'inline')).toThrow(message);
  });
});

describe('inEnterpriseProject', () => {
  it('puts hosts without an enterprise project in "0" and lets all_granted_eps see everything', () => {
    expect(inEnterpriseProject({ host_id: 'a' }, '0')).toBe(true);
    expect(inEnterpriseProject({ host_id: 'a' }, 'ep-web')).toBe(false);
    expect(inEnterpriseProject({ host_id: 'a', enterprise_project_id: 'ep-web' }, 'all_granted_eps')).toBe(true);
  });
});
