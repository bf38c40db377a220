/** Retries `check` until it returns a truthy value or `timeoutMs` passes; returns that value or throws the last failure. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 8000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = new Error(`condition still false after ${timeoutMs} ms`);
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) throw last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
