import { matchRoute, routeKindOf } from './routes';

describe('matchRoute', () => {
  it('matches CreateAntiVirusPaidTask and splits the query', () => {
    const route = matchRoute('POST', '/v5/proj-1/antivirus/pay-per-scan/tasks?enterprise_project_id=ep-web');
    expect(route?.kind).toBe('tasks');
    expect(route?.projectId).toBe('proj-1');
    expect(route?.query.get('enterprise_project_id')).toBe('ep-web');
  });

  it('matches ListHostStatus and decodes the project id', () => {
    expect(matchRoute('GET', '/v5/a%20b/host-management/hosts')).toMatchObject({ kind: 'hosts', projectId: 'a b' });
  });

  it.each([
    ['GET', '/v5/p/antivirus/pay-per-scan/tasks'],
    ['POST', '/v5/p/host-management/hosts'],
    ['POST', '/v5/p/antivirus/pay-per-scan/tasks/'],
    ['POST', '/v5//antivirus/pay-per-scan/tasks'],
    ['POST', '/v5/%E0%A4%A/antivirus/pay-per-scan/tasks'],
    ['GET', '/'],
  ])('does not match %s %s', (method, url) => {
    expect(matchRoute(method, url)).toBeUndefined();
  });
});

describe('routeKindOf', () => {
  it('ignores the method so path-scoped faults see every request to the path', () => {
    expect(routeKindOf('/v5/p/antivirus/pay-per-scan/tasks?x=1')).toBe('tasks');
    expect(routeKindOf('/v5/p/host-management/hosts')).toBe('hosts');
    expect(routeKindOf('/other')).toBeUndefined();
  });
});
