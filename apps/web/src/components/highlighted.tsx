import type { Segment } from '@/lib/highlight';

export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>{segments.map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>
  );
}
