import type { Metadata } from 'next';
import { ControlTowerScreen } from '@/components/control-tower/control-tower-screen';

export const metadata: Metadata = { title: 'Control tower' };

/** Workspace-wide (the projects the caller can see): no active project needed. */
export default function ControlTowerPage() {
  return <ControlTowerScreen />;
}
