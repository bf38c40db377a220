const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Formats a date as X-Sdk-Date (`YYYYMMDDTHHMMSSZ`, UTC). */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Parses an X-Sdk-Date value; undefined when it is not a valid `YYYYMMDDTHHMMSSZ` instant. */
export function parseSdkDate(value: string): Date | undefined {
  const match = SDK_DATE.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls over out-of-range fields (month 13, second 61); round-tripping rejects them.
  return formatSdkDate(date) === value ? date : undefined;
}
