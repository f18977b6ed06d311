/**
 * Where a user lands after sign-in when no page asked for them: an executive's home is the
 * control tower; everyone else starts where they always did.
 */
export const DEFAULT_LANDING = '/connectors';

export function landingFor(workspaceRole: string | null | undefined): string {
  return workspaceRole === 'exec' ? '/control-tower' : DEFAULT_LANDING;
}
