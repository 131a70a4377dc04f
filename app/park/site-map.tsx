/**
 * The park's site map (issue 18): a schematic of its zones drawn by us as SVG (no map service,
 * no picture), each building labelled with the space it has to let today. Named by its title
 * and description; the list under it says the same in text. One viewBox about a phone's width,
 * so its text stays at 12 px or more at 390 px; on a wide screen it sits beside the list.
 */
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { BuildingSpace } from "./figures.server";

type Zone = "offices" | "labs" | "production";

/** Where each building stands on the drawing (units of the 360 x 300 viewBox). */
const BUILDINGS: Record<string, { zone: Zone; x: number; y: number; w: number }> = {
  A: { zone: "offices", x: 18, y: 42, w: 66 },
  B: { zone: "offices", x: 92, y: 42, w: 66 },
  F: { zone: "offices", x: 166, y: 42, w: 66 },
  C: { zone: "labs", x: 256, y: 42, w: 84 },
  D: { zone: "production", x: 160, y: 202, w: 84 },
  E: { zone: "production", x: 254, y: 202, w: 84 },
};
const ZONES: { zone: Zone; x: number; y: number; w: number }[] = [
  { zone: "offices", x: 8, y: 8, w: 232 },
  { zone: "labs", x: 248, y: 8, w: 104 },
  { zone: "production", x: 150, y: 168, w: 202 },
];
const ZONE_HEIGHT = 124;
const BUILDING_HEIGHT = 74;

export function SiteMap({ buildings }: { buildings: BuildingSpace[] }) {
  const { t } = useTranslation("park");
  const locale = useLocale();
  const space = new Map(buildings.map((b) => [b.building, b]));
  const item = (letter: string) =>
    t("map.item", { letter, area: formatNumber(space.get(letter)?.areaM2 ?? 0, locale) });
  const onMap = (zone: Zone) =>
    Object.entries(BUILDINGS)
      .filter(([, p]) => p.zone === zone)
      .map(([letter]) => letter);
  const elsewhere = buildings.filter((b) => !BUILDINGS[b.building]);
  return (
    <section className="section" aria-labelledby="site-map-title">
      <h2 id="site-map-title">{t("map.title")}</h2>
      <div className="site-map">
        <figure className="site-map-figure">
          <svg
            viewBox="0 0 360 300"
            role="img"
            aria-labelledby="site-map-svg-title site-map-svg-desc"
            className="site-map-svg"
          >
            <title id="site-map-svg-title">{t("map.svgTitle")}</title>
            <desc id="site-map-svg-desc">{t("map.svgDesc")}</desc>
            <rect className="site-map-ground" x="0" y="0" width="360" height="300" rx="10" />
            {ZONES.map((z) => (
              <g key={z.zone}>
                <rect
                  className={`site-map-zone site-map-zone-${z.zone}`}
                  x={z.x}
                  y={z.y}
                  width={z.w}
                  height={ZONE_HEIGHT}
                  rx="8"
                />
                <text className="site-map-zone-label" x={z.x + 8} y={z.y + 20}>
                  {t(`map.zones.${z.zone}`)}
                </text>
              </g>
            ))}
            <rect
              className="site-map-green"
              x="8"
              y="168"
              width="134"
              height={ZONE_HEIGHT}
              rx="8"
            />
            <text className="site-map-zone-label" x="16" y="188">
              {t("map.green")}
            </text>
            <rect className="site-map-road" x="0" y="138" width="360" height="24" />
            <text className="site-map-road-label" x="180" y="154" textAnchor="middle">
              {t("map.road")}
            </text>
            <path className="site-map-entrance" d="M0 140 L14 150 L0 160 Z" />
            {Object.entries(BUILDINGS).map(([letter, p]) => (
              <g key={letter}>
                <rect
                  className="site-map-building"
                  x={p.x}
                  y={p.y}
                  width={p.w}
                  height={BUILDING_HEIGHT}
                  rx="4"
                />
                <text
                  className="site-map-building-label"
                  x={p.x + p.w / 2}
                  y={p.y + 32}
                  textAnchor="middle"
                >
                  {letter}
                </text>
                <text
                  className="site-map-building-area"
                  x={p.x + p.w / 2}
                  y={p.y + 56}
                  textAnchor="middle"
                >
                  {formatNumber(space.get(letter)?.areaM2 ?? 0, locale)} m²
                </text>
              </g>
            ))}
          </svg>
          <figcaption className="muted">{t("map.caption")}</figcaption>
        </figure>
        <div className="site-map-list">
          <h3 className="visually-hidden">{t("map.listTitle")}</h3>
          <ul>
            {ZONES.map((z) => (
              <li key={z.zone}>
                <strong>{t(`map.zones.${z.zone}`)}</strong>
                <ul>
                  {onMap(z.zone).map((letter) => (
                    <li key={letter}>{item(letter)}</li>
                  ))}
                </ul>
              </li>
            ))}
            <li>
              <strong>{t("map.green")}</strong> · <strong>{t("map.road")}</strong>
              <p className="muted">{t("map.entrance")}</p>
            </li>
            {elsewhere.length ? (
              <li>
                <strong>{t("map.elsewhere")}</strong>
                <ul>
                  {elsewhere.map((b) => (
                    <li key={b.building}>{item(b.building)}</li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ul>
        </div>
      </div>
    </section>
  );
}
