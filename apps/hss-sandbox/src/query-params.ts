export type ParamResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** enterprise_project_id as HSS reads it: absent means the default project "0"; otherwise 1 to 256 characters. */
export function readEnterpriseProject(query: URLSearchParams): ParamResult<string> {
  const value = query.get('enterprise_project_id');
  if (value === null) return { ok: true, value: '0' };
  if (value.length < 1 || value.length > 256) {
    return { ok: false, message: 'Invalid parameter: enterprise_project_id must be 1 to 256 characters' };
  }
  return { ok: true, value };
}

/** An optional decimal integer query parameter within [min, max]. */
export function readInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): ParamResult<number> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: fallback };
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    return { ok: false, message: `Invalid parameter: ${name} must be an integer from ${min} to ${max}` };
  }
  return { ok: true, value };
}
