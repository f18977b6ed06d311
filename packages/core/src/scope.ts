import { ApiError } from './errors.ts';

/** Who is asking and for which project: hydrated once per request (preValidation hook). */
export type RequestScope = {
  accountScopeId: string | null;
  projectId: string | null;
};

export type ProjectScope = { accountScopeId: string; projectId: string };

export type ScopedRequest = { scope?: RequestScope | null };

export function getRequestScope(request: ScopedRequest): RequestScope {
  return request.scope ?? { accountScopeId: null, projectId: null };
}

/** Throws 409 `project_required` when no project is active: every project query needs one. */
export function requireProjectScope(request: ScopedRequest): ProjectScope {
  const scope = getRequestScope(request);
  if (!scope.accountScopeId || !scope.projectId) {
    throw new ApiError(
      'project_required',
      'No active project. Select one with POST /projects/:id/select (or pass X-Project-Id with an API key).',
    );
  }
  return { accountScopeId: scope.accountScopeId, projectId: scope.projectId };
}
