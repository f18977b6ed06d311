/** "Everything that cites this row": the evidence screen filtered to one cited row. */
export function citingRowsHref(table: string, id: string): string {
  return `/evidence?${new URLSearchParams({ source_table: table, source_ref: id }).toString()}`;
}
