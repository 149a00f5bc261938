import type { PageKey, StoredProof } from './proof-store.js';

/** A stored row as exported: the record's own fields plus where it sits in the log (chain and position). */
export function toExportObject(row: StoredProof): Record<string, unknown> {
  const record = JSON.parse(row.content) as Record<string, unknown>;
  return {
    ...record,
    chain: row.chain,
    position: row.position,
    receivedAt: row.receivedAt,
    contentHash: row.contentHash,
    chainHash: row.chainHash,
    ...(row.clientIp ? { clientNetwork: row.clientIp } : {}),
  };
}

export const CSV_COLUMNS = [
  'chain',
  'position',
  'recordId',
  'consentId',
  'timestamp',
  'action',
  'choices',
  'services',
  'revision',
  'locale',
  'textHash',
  'gpc',
  'page',
  'control',
  'layer',
  'userActivation',
  'libraryVersion',
  'receivedAt',
  'contentHash',
  'chainHash',
  'clientNetwork',
] as const;

/**
 * One CSV field: quoted when needed, and prefixed with a quote when it starts like a
 * spreadsheet formula so opening the export in a spreadsheet runs nothing.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(row: StoredProof): string {
  const data = toExportObject(row);
  return `${CSV_COLUMNS.map((column) => csvField(data[column])).join(',')}\r\n`;
}

export function ndjsonLine(row: StoredProof): string {
  return `${JSON.stringify(toExportObject(row))}\n`;
}

/** Streams rows whose decision timestamp is in [from, to) page by page, in (chain, position) order. */
export async function* exportLines(
  read: (after: PageKey | null, limit: number) => Promise<StoredProof[]>,
  format: 'ndjson' | 'csv',
  pageSize = 500,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  let after: PageKey | null = null;
  for (;;) {
    const rows = await read(after, pageSize);
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) chunk += format === 'csv' ? csvLine(row) : ndjsonLine(row);
    yield chunk;
    const last = rows[rows.length - 1]!;
    after = { chain: last.chain, position: last.position };
  }
}
