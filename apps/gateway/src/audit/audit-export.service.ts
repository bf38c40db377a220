import { once } from 'node:events';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toCsvHeader, toCsvRow, type AuditFilter, type AuditStore } from '@app/audit';
import { AUDIT_STORE } from './audit-store.provider';

/** Streams matching events to the response, honouring back-pressure so memory stays flat. */
@Injectable()
export class AuditExportService {
  private readonly logger = new Logger(AuditExportService.name);
  constructor(@Inject(AUDIT_STORE) private readonly store: AuditStore) {}

  async stream(filter: AuditFilter, format: 'ndjson' | 'csv', res: Response): Promise<void> {
    const { limit: _limit, cursor: _cursor, ...rest } = filter;
    res.status(200);
    res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-events.${format}"`);
    if (format === 'csv') res.write(`${toCsvHeader()}\r\n`);
    try {
      for await (const event of this.store.stream(rest)) {
        if (res.destroyed) return;
        const line = format === 'csv' ? `${toCsvRow(event)}\r\n` : `${JSON.stringify(event)}\n`;
        // A client that goes away while we wait for drain must not leave the export hanging.
        if (!res.write(line)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    } catch (e) {
      // Headers are gone already: cut the stream so the client sees an incomplete export, not a silent truncation.
      this.logger.error({ error: (e as Error).message }, 'audit export failed');
      res.destroy(e as Error);
    }
  }
}
