import { Secret } from './secret';

/** AK/SK credentials; `securityToken` is present for temporary (STS) credentials. */
export interface Credentials {
  ak: Secret;
  sk: Secret;
  securityToken?: Secret;
}

/** Wraps raw strings into Credentials; an empty security token counts as none. */
export function credentialsOf(ak: string, sk: string, securityToken?: string): Credentials {
  const credentials: Credentials = { ak: new Secret(ak), sk: new Secret(sk) };
  if (securityToken) {
    credentials.securityToken = new Secret(securityToken);
  }
  return credentials;
}
