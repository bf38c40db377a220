import { validateCreateTaskBody } from './create-task.validation';

const VALID = { task_name: 'scan', scan_type: 'custom', action: 'auto', host_ids: ['h1', 'h2'] };

describe('validateCreateTaskBody', () => {
  it('accepts a full valid body and keeps only known fields', () => {
    const result = validateCreateTaskBody({
      ...VALID,
      file_types: [0, 6],
      scan_dir: '/a;/b',
      ignore_dir: '/tmp',
      task_id: null,
      unknown_field: true,
    });
    expect(result).toEqual({
      ok: true,
      value: { ...VALID, file_types: [0, 6], scan_dir: '/a;/b', ignore_dir: '/tmp', task_id: null },
    });
  });

  it('accepts 255 characters of task_name and rejects 256', () => {
    expect(validateCreateTaskBody({ ...VALID, task_name: 'x'.repeat(255) }).ok).toBe(true);
    expect(validateCreateTaskBody({ ...VALID, task_name: 'x'.repeat(256) })).toEqual({
      ok: false,
      message: 'Invalid parameter: task_name must be a string of 1 to 255 characters',
    });
  });

  it.each([null, 'text', 3, [VALID]])('rejects a non-object body %j', (body) => {
    expect(validateCreateTaskBody(body)).toEqual({ ok: false, message: 'Invalid parameter: request body must be a JSON object' });
  });

  it.each([
    [{ host_ids: undefined }, 'host_ids'],
    [{ host_ids: [1] }, 'host_ids'],
    [{ file_types: [-1] }, 'file_types'],
    [{ file_types: '1' }, 'file_types'],
    [{ task_id: '' }, 'task_id'],
    [{ scan_type: 'QUICK' }, 'scan_type'],
    [{ action: undefined }, 'action'],
  ])('rejects %j naming %s', (override, field) => {
    const result = validateCreateTaskBody({ ...VALID, ...override });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(field);
  });
});
