import jwt from 'jsonwebtoken';
import type { Secret } from '@app/huawei-cloud';

/** A development HS256 token for sandbox mode's printed examples; never used with real credentials. */
export function mintDevToken(secret: Secret, sub: string, roles: string[], ttlSeconds = 12 * 3600): string {
  return jwt.sign({ sub, roles }, secret.reveal(), { algorithm: 'HS256', expiresIn: ttlSeconds });
}
