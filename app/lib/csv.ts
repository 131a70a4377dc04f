/**
 * The one CSV writer (RFC 4180): every field quoted, quotes doubled, CRLF line ends (a final one
 * too). A text cell that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR) gets a
 * leading `'` so that Excel and LibreOffice show it as text (OWASP "CSV injection"); numbers are
 * written as they are. Downloads start with a UTF-8 byte order mark, without which Excel reads
 * Chinese as mojibake.
 */

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** One field, quoted. */
export function csvField(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "string") text = FORMULA.test(value) ? `'${value}` : value;
  else text = String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** A header row and data rows as CSV text (no byte order mark). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  let out = `${header.map(csvField).join(",")}\r\n`;
  for (const row of rows) out += `${row.map(csvField).join(",")}\r\n`;
  return out;
}

/** Records as CSV, the keys of the first one as the header (empty text for no records). */
export function recordsToCsv(records: readonly Record<string, CsvValue>[]): string {
  const first = records[0];
  if (!first) return "";
  const keys = Object.keys(first);
  return toCsv(
    keys,
    records.map((r) => keys.map((k) => r[k])),
  );
}

/** The byte order mark that tells Excel the file is UTF-8. */
export const BOM = "\uFEFF";

/** A CSV file as a download: UTF-8 with BOM, never cached, never sniffed as something else. */
export function csvDownload(csv: string, filename: string): Response {
  return new Response(BOM + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
