/**
 * Where the risk forecast panel goes once the forecast API ships (issue #14). It renders
 * nothing on purpose: the page shows no forecast numbers until real ones exist.
 */
export function ForecastPanelSlot(_props: { projectId: string }) {
  return null;
}
