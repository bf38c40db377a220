import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, YAMLError } from 'yaml';
import { Policy, RolePolicy } from './policy';
import { PolicyError } from './policy-error';
import { PolicySchemaReader } from './policy-schema';
import { compilePolicy } from './compiled-policy';

/** A policy is a short operator file; anything bigger is a mistake (or an attack on start-up). */
const MAX_POLICY_BYTES = 1024 * 1024;

/** Parses and validates YAML text; throws PolicyError naming the bad key. */
export function parsePolicy(text: string, source?: string): Policy {
  return buildPolicy(text, Buffer.from(text, 'utf8'), source);
}

/** Reads and parses a policy file. */
export function loadPolicyFile(path: string): Policy {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new PolicyError(`cannot read the policy file (${code})`, { source: path });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PolicyError('the policy file is not valid UTF-8', { source: path });
  }
  return buildPolicy(text, bytes, path);
}

function buildPolicy(text: string, bytes: Buffer, source: string | undefined): Policy {
  if (bytes.length > MAX_POLICY_BYTES) {
    throw new PolicyError(`the policy is larger than ${MAX_POLICY_BYTES} bytes`, { source });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  // Duplicate keys are left to the schema reader, which can name the duplicated key path.
  const problem = [...doc.errors, ...doc.warnings].find((error) => error.code !== 'DUPLICATE_KEY');
  if (problem) throw yamlError(problem, lines, source);
  const roles = new PolicySchemaReader(doc, lines, source).readRoles();
  if (doc.errors.length > 0) throw yamlError(doc.errors[0], lines, source);
  const policy: Policy = Object.freeze({
    roles: freezeRoles(roles),
    version: createHash('sha256').update(bytes).digest('hex'),
  });
  compilePolicy(policy);
  return policy;
}

function yamlError(error: YAMLError, lines: LineCounter, source: string | undefined): PolicyError {
  const line = lines.linePos(error.pos[0]).line;
  const hint = error.code === 'BAD_ALIAS' ? '; an unquoted * is YAML alias syntax, write "*"' : '';
  return new PolicyError(`invalid YAML: ${error.message}${hint}`, { source, line });
}

function freezeRoles(roles: Record<string, RolePolicy>): Readonly<Record<string, RolePolicy>> {
  for (const role of Object.values(roles)) {
    for (const list of Object.values(role)) if (Array.isArray(list)) Object.freeze(list);
    Object.freeze(role);
  }
  return Object.freeze(roles);
}
