import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { GATEWAY_CONFIG } from '../config/config.module';
import type { GatewayConfig } from '../config/gateway-config';
import { rolesFromClaims, type Caller } from './caller';
import { acceptedAlgorithms, keyProvider } from './jwt-key-provider';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: keyProvider(config.auth),
      algorithms: acceptedAlgorithms(config.auth),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: config.auth.clockToleranceS },
    });
  }

  validate(payload: Record<string, unknown>): Caller | false {
    // jsonwebtoken checks exp only when present; a token that never expires is not accepted.
    if (typeof payload.exp !== 'number') throw new Error('token has no exp claim');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) return false;
    return { sub: payload.sub, roles: rolesFromClaims(payload, this.config.auth.rolesClaim) };
  }
}
