/** A chart's data as a table: the accessible version, beside or below the drawing (cards on a
 * phone when it has more than three columns). */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  /** Column headings; the first column heads the rows. */
  columns: string[];
  rows: (string | number)[][];
}) {
  return (
    <div className="table-wrap">
      <table className={columns.length > 3 ? "table table-cards" : "table"}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, k) =>
                k === 0 ? (
                  <th key={k} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={k} data-label={columns[k]}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
