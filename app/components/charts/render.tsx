/**
 * The chart module's SVG and figure (issue 18, ADR 0032): server-drawn SVG, no script. Each
 * chart is drawn twice, at the wide and the phone viewBox; CSS shows one (`.chart-wide` from
 * 40rem up, `.chart-narrow` below). The drawings are hidden from screen readers: the data
 * table beside or below them is the accessible version, and the figure's caption names it.
 */
import type { Item, Scene } from "./scene";

function Shape({ item }: { item: Item }) {
  switch (item.kind) {
    case "rect":
      return (
        <rect
          x={r(item.x)}
          y={r(item.y)}
          width={r(item.w)}
          height={r(item.h)}
          rx={item.rx}
          className={`chart-fill-${item.tone}`}
        />
      );
    case "line":
      return (
        <line
          x1={r(item.x1)}
          y1={r(item.y1)}
          x2={r(item.x2)}
          y2={r(item.y2)}
          className={`chart-line-${item.tone}`}
        />
      );
    case "path":
      return <path d={item.d} className={`chart-stroke chart-stroke-${item.tone}`} />;
    case "dot":
      return (
        <circle cx={r(item.cx)} cy={r(item.cy)} r={item.r} className={`chart-fill-${item.tone}`} />
      );
    case "text":
      return (
        <text
          x={r(item.x)}
          y={r(item.y)}
          fontSize={item.size}
          textAnchor={item.anchor === "start" ? undefined : item.anchor}
          fontWeight={item.bold ? 650 : undefined}
          className={`chart-text${item.tone ? ` chart-text-${item.tone}` : ""}`}
        >
          {item.text}
        </text>
      );
  }
}

const r = (n: number) => Math.round(n * 10) / 10;

export function SceneSvg({ scene, className }: { scene: Scene; className: string }) {
  return (
    <svg
      className={className}
      viewBox={`0 0 ${scene.width} ${r(scene.height)}`}
      width={scene.width}
      height={r(scene.height)}
      aria-hidden="true"
      focusable="false"
      xmlns="http://www.w3.org/2000/svg"
    >
      {scene.items.map((item, i) => (
        <Shape key={i} item={item} />
      ))}
    </svg>
  );
}

/**
 * A chart: its caption, the wide and phone drawings, a note (how to read it), and the data
 * table (`children`) beside it on a wide screen (`table="beside"`) or below it.
 */
export function ChartFigure({
  title,
  wide,
  narrow,
  note,
  table = "below",
  children,
  headingLevel,
}: {
  title: string;
  wide: Scene;
  narrow: Scene;
  note?: string;
  table?: "beside" | "below";
  children?: React.ReactNode;
  /** Shown as a visible caption unless the section heading above already names the chart. */
  headingLevel?: "caption" | "hidden";
}) {
  return (
    <figure className={`chart chart-table-${table}`}>
      <figcaption className={headingLevel === "hidden" ? "visually-hidden" : "chart-caption"}>
        {title}
      </figcaption>
      <div className="chart-drawing">
        <SceneSvg scene={wide} className="chart-wide" />
        <SceneSvg scene={narrow} className="chart-narrow" />
        {note ? <p className="chart-note">{note}</p> : null}
      </div>
      {children ? <div className="chart-data">{children}</div> : null}
    </figure>
  );
}
