/** Settings of the standalone sandbox process, read once from its environment. */
export interface StandaloneConfig {
  port: number;
  host: string;
  hostsFile?: string;
  ak: string;
  sk: string;
}

/** Parses the standalone environment; throws with the offending variable's name (never its value for keys). */
export function parseStandaloneConfig(env: Record<string, string | undefined>): StandaloneConfig {
  const ak = env.SANDBOX_AK;
  if (!ak) throw new Error('SANDBOX_AK is required: the access key the sandbox accepts');
  const sk = env.SANDBOX_SK;
  if (!sk) throw new Error('SANDBOX_SK is required: the secret key the sandbox accepts');
  const rawPort = env.SANDBOX_PORT ?? '8081';
  const port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new Error(`SANDBOX_PORT must be an integer from 0 to 65535, got "${rawPort}"`);
  const host = env.SANDBOX_HOST || '127.0.0.1';
  const hostsFile = env.SANDBOX_HOSTS_FILE || undefined;
  return { port, host, ak, sk, ...(hostsFile && { hostsFile }) };
}
