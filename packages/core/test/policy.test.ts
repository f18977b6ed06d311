import { describe, expect, it } from 'vitest';
import {
  canManageWorkspace,
  canSeeProject,
  capabilitiesOf,
  effectiveProjectRole,
  ROLES,
  type Role,
} from '../src/policy.ts';

describe('effectiveProjectRole and canSeeProject', () => {
  const cases: Array<[Role, Role | null, Role, boolean]> = [
    // workspace role, membership, effective role, sees the project
    ['owner', null, 'owner', true],
    ['owner', 'viewer', 'owner', true],
    ['pm', 'pm', 'pm', true],
    ['pm', 'viewer', 'viewer', true],
    ['pm', null, 'viewer', false],
    ['exec', null, 'exec', true],
    ['exec', 'pm', 'pm', true],
    ['viewer', 'viewer', 'viewer', true],
    ['viewer', null, 'viewer', false],
  ];
  it.each(cases)(
    'when a %s with membership %s opens a project, then the role is %s and seen=%s',
    (w, m, role, seen) => {
      expect(effectiveProjectRole(w, m)).toBe(role);
      expect(canSeeProject(w, m)).toBe(seen);
    },
  );
});

describe('capabilitiesOf', () => {
  it.each([
    [
      'owner',
      'owner',
      { writeProject: true, createProject: true, manageWorkspace: true, readWorkspace: true },
    ],
    ['pm', 'pm', { writeProject: true, createProject: true, manageWorkspace: false, readWorkspace: false }],
    [
      'pm',
      'viewer',
      { writeProject: false, createProject: true, manageWorkspace: false, readWorkspace: false },
    ],
    [
      'exec',
      'exec',
      { writeProject: false, createProject: false, manageWorkspace: false, readWorkspace: true },
    ],
    [
      'viewer',
      null,
      { writeProject: false, createProject: false, manageWorkspace: false, readWorkspace: false },
    ],
  ] as const)(
    'when the workspace role is %s and the project role %s, then the capabilities are %o',
    (w, p, caps) => {
      expect(capabilitiesOf(w, p)).toEqual(caps);
    },
  );

  it('when any role but owner asks to manage the workspace, then it is refused (a pm of a project is not a workspace admin)', () => {
    expect(ROLES.filter(canManageWorkspace)).toEqual(['owner']);
  });
});
