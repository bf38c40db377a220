import { SDK_ALGORITHM } from './canonical';

export interface ParsedAuthorization {
  ak: string;
  signedHeaders: string[];
  signature: string;
}

const TOKEN = "[a-z0-9!#$%&'*+.^_`|~-]+";
const PATTERN = new RegExp(
  `^${SDK_ALGORITHM}\\s+Access=([^,\\s]+),\\s*SignedHeaders=(${TOKEN}(?:;${TOKEN})*),\\s*Signature=([0-9a-f]{64})$`,
);

/** Parses `SDK-HMAC-SHA256 Access=..., SignedHeaders=a;b, Signature=<hex>`; undefined when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = PATTERN.exec(value.trim());
  if (!match) {
    return undefined;
  }
  return { ak: match[1], signedHeaders: match[2].split(';'), signature: match[3] };
}
