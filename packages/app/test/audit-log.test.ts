import { describe, expect, it } from 'vitest';
import { auditViewOf } from '../src/services/audit-log.ts';

/** Who sees which history on GET /audit (the old router's rule, now in the use case). */
describe('auditViewOf', () => {
  const cases: Array<[string, Parameters<typeof auditViewOf>, ReturnType<typeof auditViewOf>]> = [
    ['an owner asks for the workspace', ['owner', 'workspace', 'p1'], { projectId: undefined }],
    ['an executive asks for the workspace', ['exec', 'workspace', null], { projectId: undefined }],
    ['an owner asks for the project', ['owner', 'project', 'p1'], { projectId: 'p1' }],
    ['an owner asks for the project without one', ['owner', 'project', null], null],
    ['a pm asks for the workspace', ['pm', 'workspace', 'p1'], { projectId: 'p1' }],
    ['a viewer asks for the workspace', ['viewer', 'workspace', 'p2'], { projectId: 'p2' }],
    ['a pm without an active project', ['pm', 'workspace', null], null],
  ];
  for (const [name, args, expected] of cases) {
    it(`when ${name}, then the view is ${JSON.stringify(expected)}`, () => {
      expect(auditViewOf(...args)).toEqual(expected);
    });
  }
});
