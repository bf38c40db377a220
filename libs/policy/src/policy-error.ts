/** Where in a policy file a problem was found. */
export interface PolicyErrorLocation {
  /** The file name, when the text came from a file. */
  source?: string;
  /** The bad key path, e.g. `roles.web-scanner.scan_types[1]`. */
  path?: string;
  /** 1-based line in the file. */
  line?: number;
}

/** An invalid or unreadable policy; the message names the file (when known) and the bad key path. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly source?: string;
  readonly path?: string;
  readonly line?: number;
  /** The problem without the location prefix. */
  readonly detail: string;

  constructor(detail: string, location: PolicyErrorLocation = {}) {
    super(formatMessage(detail, location));
    this.detail = detail;
    this.source = location.source;
    this.path = location.path;
    this.line = location.line;
  }
}

function formatMessage(detail: string, { source, path, line }: PolicyErrorLocation): string {
  const where = [source, path].filter((part): part is string => part !== undefined && part !== '');
  const at = line === undefined ? '' : ` (line ${line})`;
  return [...where, detail].join(': ') + at;
}
