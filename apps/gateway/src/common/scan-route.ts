import type { Request } from 'express';

export const SCAN_TASKS_PATH = '/api/v1/antivirus/pay-per-scan/tasks';

/** Every request to the scan endpoint gets audited, including those that fail before routing (parse errors, 401). */
export function isScanTaskRequest(req: Request): boolean {
  return req.method === 'POST' && (req.path === SCAN_TASKS_PATH || req.path === `${SCAN_TASKS_PATH}/`);
}
