/**
 * The units as a table; at phone width each row becomes a card (CSS: `.project-table`), every
 * cell labelled by its column (`data-label`).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { UnitFactsLine, UnitStateBadge, useSpaceLabels } from "~/projects/space-ui";

export interface UnitRow {
  id: string;
  building: string;
  floor: number;
  unit_no: string;
  kind: string;
  area_m2: number;
  rent_minor: number;
  available_from: string | null;
  features: string[];
  power_kva: number | null;
  floor_load_kn_m2: number | null;
  ceiling_height_m: number | null;
  shown_state: string;
  hold_reference: string | null;
  held_until: string | null;
}

export function UnitTable({ items }: { items: UnitRow[] }) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const col = {
    unit: t("list.unit"),
    kind: t("list.kind"),
    area: t("list.area"),
    rent: t("list.rent"),
    available: t("list.available"),
    features: t("list.features"),
    state: t("list.state"),
  };
  return (
    <div className="table-wrap">
      <table className="table project-table unit-table">
        <caption className="visually-hidden">{t("list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{col.unit}</th>
            <th scope="col">{col.kind}</th>
            <th scope="col">{col.area}</th>
            <th scope="col">{col.rent}</th>
            <th scope="col">{col.available}</th>
            <th scope="col">{col.features}</th>
            <th scope="col">{col.state}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id} data-testid="unit-row">
              <th scope="row" data-label={col.unit}>
                <Link to={`/desk/space/${u.id}`}>{l.unit(u)}</Link>
                <span className="muted project-where">{t("floorN", { floor: u.floor })}</span>
              </th>
              <td data-label={col.kind}>{l.kind(u.kind)}</td>
              <td data-label={col.area}>{l.area(u.area_m2)}</td>
              <td data-label={col.rent}>{l.rent(u.rent_minor)}</td>
              <td data-label={col.available}>{u.available_from}</td>
              <td data-label={col.features}>
                <UnitFactsLine unit={u} />
              </td>
              <td data-label={col.state}>
                <UnitStateBadge state={u.shown_state} />
                {u.shown_state === "held" && u.hold_reference ? (
                  <span className="muted project-where">
                    {t("list.heldFor", { reference: u.hold_reference, date: u.held_until })}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
