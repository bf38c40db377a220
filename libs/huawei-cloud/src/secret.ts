import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

const REDACTED = '[REDACTED]';

/** A string that redacts itself everywhere it could be printed; only `reveal()` hands out the raw value. */
export class Secret {
  // An ES private field: invisible to JSON.stringify, Object.keys, spread and structured logging.
  readonly #value: string;

  constructor(value: string) {
    if (typeof value !== 'string') {
      throw new TypeError('Secret value must be a string');
    }
    this.#value = value;
  }

  /** The raw value; call it only where the value must leave the process (signing). */
  reveal(): string {
    return this.#value;
  }

  /** First 12 hex chars of sha256(value): lets operators tell keys apart without exposing them. */
  fingerprint(): string {
    return createHash('sha256').update(this.#value, 'utf8').digest('hex').slice(0, 12);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
