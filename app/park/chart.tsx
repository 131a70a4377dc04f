/**
 * The rankings chart: an SVG drawn on the server (plain markup, no script), one group of
 * bars per measure, one bar per year; a shorter bar is a better rank (1 is the top). The
 * figure is hidden from screen readers, which get the data table that follows it.
 */
export interface ChartRow {
  year: number;
  measure: string;
  label: string;
  rank: number;
  outOf: number | null;
}

const COLORS = ["#0f766e", "#94a3b8", "#0369a1", "#a16207"];

export function RankingChart({
  rows,
  title,
  rankLabel,
}: {
  rows: ChartRow[];
  title: string;
  rankLabel: (rank: number) => string;
}) {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  const measures: { measure: string; label: string }[] = [];
  for (const r of rows)
    if (!measures.some((m) => m.measure === r.measure))
      measures.push({ measure: r.measure, label: r.label });
  const maxRank = Math.max(10, ...rows.map((r) => r.rank));
  const rowHeight = 18;
  const groupGap = 22;
  const labelHeight = 18;
  const left = 8;
  const width = 640;
  const barMax = width - left - 60;
  let y = 30;
  const groups = measures.map((m) => {
    const top = y;
    const bars = years
      .map((year, i) => {
        const row = rows.find((r) => r.measure === m.measure && r.year === year);
        if (!row) return null;
        const w = Math.max(4, (row.rank / maxRank) * barMax);
        const by = top + labelHeight + i * rowHeight;
        return (
          <g key={year}>
            <rect
              x={left}
              y={by}
              width={w}
              height={rowHeight - 5}
              fill={COLORS[i % COLORS.length]}
              rx="2"
            />
            <text x={left + w + 6} y={by + rowHeight - 8} fontSize="12" fill="#0f172a">
              {rankLabel(row.rank)} ({year})
            </text>
          </g>
        );
      })
      .filter(Boolean);
    y = top + labelHeight + years.length * rowHeight + groupGap;
    return (
      <g key={m.measure}>
        <text x={left} y={top + 12} fontSize="13" fontWeight="600" fill="#0f172a">
          {m.label}
        </text>
        {bars}
      </g>
    );
  });
  const height = y;
  return (
    <figure className="ranking-chart" aria-hidden="true">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{title}</title>
        <g>
          {years.map((year, i) => (
            <g key={year}>
              <rect
                x={left + i * 90}
                y={4}
                width={12}
                height={12}
                fill={COLORS[i % COLORS.length]}
              />
              <text x={left + i * 90 + 18} y={14} fontSize="12" fill="#334155">
                {year}
              </text>
            </g>
          ))}
        </g>
        {groups}
      </svg>
    </figure>
  );
}
