import { sdkEncode } from './canonical';

/** Builds a query string (no '?') with RFC 3986 encoding, so no '+' ambiguity reaches the upstream. */
export function buildQuery(params: Record<string, string | number | undefined>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${sdkEncode(key)}=${sdkEncode(String(value))}`)
    .join('&');
}
