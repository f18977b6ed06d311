import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatPercent, humanize } from '@/lib/format';
import type { Score } from './model';

/** Per category: its weight, how full it is (0–1; not on phones, where the points say enough) and the points it takes off health. */
export function ScoreComponents({ components }: { components: Score['components'] }) {
  return (
    <Table aria-label="Health by category">
      <THead>
        <tr>
          <Th>Category</Th>
          <Th className="text-right">Weight</Th>
          <Th className="hidden text-right sm:table-cell">Filled</Th>
          <Th className="text-right">Points off</Th>
        </tr>
      </THead>
      <TBody>
        {components.map((c) => (
          <tr key={c.category}>
            <Td className="text-[13px] font-medium text-ink-900">{humanize(c.category)}</Td>
            <Td className="text-right text-[13px] tabular-nums">{formatPercent(c.weight)}</Td>
            <Td className="hidden text-right text-[13px] tabular-nums sm:table-cell">
              {formatPercent(c.value)}
            </Td>
            <Td className="text-right text-[13px] font-medium tabular-nums text-ink-900">
              {c.contribution > 0 ? `−${c.contribution.toFixed(1)}` : '0'}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
