/**
 * Reading CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a byte order mark) for the
 * statistics import. A leading `'` that our writer adds before formula-like text is removed.
 * Returns null for a malformed file (an unclosed quote).
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const push = () => {
    row.push(field.startsWith("'") && /^'[=+\-@]/.test(field) ? field.slice(1) : field);
    field = "";
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") push();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      push();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) return null;
  if (field !== "" || row.length) {
    push();
    rows.push(row);
  }
  return rows;
}
