import type { Tone } from '@/components/ui/badge';

/** How a reviewer reads the systems and fields of an identity pair. */
export const KIND_LABEL: Record<string, string> = {
  cw_contact: 'Chatwoot contact',
  attio_person: 'Attio person',
  attio_company: 'Attio company',
  linear_user: 'Linear user',
};

export const FIELD_LABEL: Record<string, string> = {
  email: 'E-mail',
  phone: 'Phone',
  name: 'Name',
  domain: 'Company domain',
};

/** Confidence bands: e-mail-backed pairs are strong, name-only pairs need a careful look. */
export function confidenceTone(c: number): Tone {
  if (c >= 0.9) return 'success';
  if (c >= 0.7) return 'info';
  return 'warning';
}

/** Floored, so a 0.997 pair reads 99%, never a certainty it is not. */
export const percent = (c: number) => `${Math.floor(c * 100)}%`;
