/**
 * Linear's documented complexity estimate: 0.1 per scalar, 1 per object, connections multiply
 * their children by `first`/`last` (50 when omitted). Reported in the X-Complexity header.
 */
import { type DocumentNode, Kind, type SelectionSetNode, type ValueNode } from 'graphql';

function argNumber(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

export function estimateComplexity(doc: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def.selectionSet);
  }
  const walk = (set: SelectionSetNode, depth: number): number => {
    if (depth > 20) return 0;
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (frag) total += walk(frag, depth + 1);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += walk(sel.selectionSet, depth + 1);
      } else if (sel.selectionSet) {
        const name = sel.name.value;
        const isConnection =
          (sel.arguments ?? []).some((a) => ['first', 'last', 'after', 'filter'].includes(a.name.value)) ||
          name.endsWith('s');
        const first = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const multiplier = isConnection ? (argNumber(first?.value, variables) ?? 50) : 1;
        total +=
          1 + walk(sel.selectionSet, depth + 1) * (name === 'nodes' || name === 'edges' ? 1 : multiplier);
      } else {
        total += 0.1;
      }
    }
    return total;
  };
  let total = 0;
  for (const def of doc.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) total += walk(def.selectionSet, 0);
  }
  return Math.ceil(total);
}
