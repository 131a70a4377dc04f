/** The catalogue's filter form (GET): works without JavaScript; values come back from the URL. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { UNIT_FEATURES, UNIT_KINDS, UNIT_STATES } from "~/projects/space";
import { useSpaceLabels } from "~/projects/space-ui";

export function UnitFilters({
  params,
  buildings,
}: {
  params: Record<string, string>;
  buildings: string[];
}) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={params[name] ?? ""}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (name: string, label: string, type: "number" | "date") => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input
        id={`filter-${name}`}
        name={name}
        type={type}
        min={type === "number" ? 0 : undefined}
        defaultValue={params[name] ?? ""}
      />
    </div>
  );
  return (
    <Form method="get" className="card sr-filters" aria-label={t("filters.title")}>
      {select("kind", t("filters.kind"), [
        { value: "", label: t("filters.anyKind") },
        ...UNIT_KINDS.map((k) => ({ value: k, label: l.kind(k) })),
      ])}
      {select("state", t("filters.state"), [
        { value: "", label: t("filters.anyState") },
        ...UNIT_STATES.map((s) => ({ value: s, label: l.state(s) })),
      ])}
      {select("building", t("filters.building"), [
        { value: "", label: t("filters.anyBuilding") },
        ...buildings.map((b) => ({ value: b, label: t("building", { building: b }) })),
      ])}
      {input("areaMin", t("filters.areaMin"), "number")}
      {input("areaMax", t("filters.areaMax"), "number")}
      {input("availableBy", t("filters.availableBy"), "date")}
      {select("feature", t("filters.feature"), [
        { value: "", label: t("filters.anyFeature") },
        ...UNIT_FEATURES.map((f) => ({ value: f, label: l.feature(f) })),
      ])}
      <div className="row">
        <button type="submit" className="button">
          {t("filters.apply")}
        </button>
        <Link to="/desk/space">{t("filters.clear")}</Link>
      </div>
    </Form>
  );
}
