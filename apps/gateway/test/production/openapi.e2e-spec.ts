import { startTestGateway, type TestGateway } from '@app/testing';

interface Schema {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  required?: string[];
  $ref?: string;
}
interface Operation {
  parameters: { name: string; in: string; required?: boolean }[];
  requestBody: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security: Record<string, unknown[]>[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

const SCAN_ROUTE = '/api/v1/antivirus/pay-per-scan/tasks';
const CONTRACT_STATUSES = ['200', '400', '401', '403', '429', '502', '503', '504'];

/** /docs-json is generated from the DTOs; it must say what CONTRACT.md says about the endpoint. */
describe('OpenAPI document', () => {
  let gw: TestGateway;
  let doc: OpenApiDocument;
  const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema);

  beforeAll(async () => {
    gw = await startTestGateway();
    const res = await fetch(`${gw.url}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await gw.close();
  });

  it('documents the scan route, its query and headers, behind bearer auth', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const op = doc.paths[SCAN_ROUTE]?.post;
    expect(op).toBeDefined();
    expect(op.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'enterprise_project_id', in: 'query', required: false }),
        expect.objectContaining({ name: 'region', in: 'header', required: false }),
      ]),
    );
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('the body schema carries the contract rules: enums, lengths, item limits, required fields', () => {
    const body = resolve(doc.paths[SCAN_ROUTE].post.requestBody.content['application/json'].schema);
    expect(doc.paths[SCAN_ROUTE].post.requestBody.required).toBe(true);
    expect(body.required?.sort()).toEqual(['action', 'host_ids', 'scan_type', 'task_name']);
    const p = body.properties!;
    expect(p.task_name).toMatchObject({ type: 'string', minLength: 1, maxLength: 255 });
    expect(p.scan_type.enum).toEqual(['quick', 'full', 'custom']);
    expect(p.action.enum).toEqual(['auto', 'manual']);
    expect(p.host_ids).toMatchObject({ type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } });
    expect(body.additionalProperties).toBe(false);
    expect(p.file_types).toMatchObject({ type: 'array', items: { type: 'integer', minimum: 0, maximum: 6 } });
    expect(p.scan_dir).toMatchObject({ type: 'string' });
    expect(p.ignore_dir).toMatchObject({ type: 'string' });
    expect(p.task_id).toMatchObject({ type: 'string', nullable: true });
    expect(Object.keys(p).sort()).toEqual(['action', 'file_types', 'host_ids', 'ignore_dir', 'scan_dir', 'scan_type', 'task_id', 'task_name']);
  });

  it('lists every status of the contract, errors in the one error shape', () => {
    const responses = doc.paths[SCAN_ROUTE].post.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(CONTRACT_STATUSES));
    const ok = resolve(responses['200'].content!['application/json'].schema);
    expect(Object.keys(ok.properties ?? {})).toEqual(expect.arrayContaining(['task_id', 'policy_id', 'result', 'fail_reasons']));
    for (const status of CONTRACT_STATUSES.filter((s) => s !== '200')) {
      const error = resolve(responses[status].content!['application/json'].schema);
      expect({ status, fields: Object.keys(error.properties ?? {}) }).toEqual({
        status,
        fields: expect.arrayContaining(['statusCode', 'error', 'message', 'request_id', 'error_code', 'error_msg']),
      });
    }
  });

  it('lists the operational and audit routes', () => {
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/api/v1/audit/events', '/api/v1/audit/verify', '/api/v1/audit/export']));
  });

  it('/docs serves the UI, and the scripts it loads are allowed by the security headers', async () => {
    const res = await fetch(`${gw.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)[^<]+<\/script>/);
    for (const src of scripts) expect((await fetch(new URL(src, `${gw.url}/docs`))).status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});
