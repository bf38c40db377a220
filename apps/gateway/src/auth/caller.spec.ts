import { rolesFromClaims } from './caller';

describe('rolesFromClaims', () => {
  it.each([
    [{ roles: ['a', 'b'] }, 'roles', ['a', 'b']],
    [{ roles: 'a b  c' }, 'roles', ['a', 'b', 'c']],
    [{ roles: ['a', 1, '', null, 'b'] }, 'roles', ['a', 'b']],
    [{ realm_access: { roles: ['x'] } }, 'realm_access.roles', ['x']],
    [{ 'https://example.com/roles': ['y'] }, 'https://example.com/roles', ['y']],
    [{ roles: { admin: true } }, 'roles', []],
    [{}, 'roles', []],
  ])('%o with claim %s -> %o', (payload, claim, roles) => {
    expect(rolesFromClaims(payload, claim)).toEqual(roles);
  });
});
