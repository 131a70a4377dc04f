/** The table's filter form (GET): works without JavaScript; the values come back from the URL. */
import { Form, Link } from "@remix-run/react";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { COUNTRIES } from "~/projects/countries";
import { SOURCES, STAGES } from "~/projects/pipeline";
import { countryOptions, useProjectLabels, type Choice, type IndustryChoice } from "~/projects/ui";

export function ProjectFilters({
  params,
  owners,
  industries,
  countries,
}: {
  params: Record<string, string>;
  owners: Choice[];
  industries: IndustryChoice[];
  countries: string[];
}) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const select = (
    name: string,
    label: string,
    options: { value: string; label: string }[],
    fallback = "",
  ) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={params[name] ?? fallback}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="card sr-filters" aria-label={t("filters.title")}>
      {select(
        "stage",
        t("filters.stage"),
        [
          { value: "open", label: t("filters.open") },
          { value: "all", label: t("filters.all") },
          ...STAGES.map((s) => ({ value: s, label: l.stage(s) })),
        ],
        "open",
      )}
      {select("owner", t("filters.owner"), [
        { value: "", label: t("filters.anyone") },
        { value: "me", label: t("filters.me") },
        { value: "none", label: t("filters.nobody") },
        ...owners.map((o) => ({ value: o.id, label: o.name })),
      ])}
      {select("industry", t("filters.industry"), [
        { value: "", label: t("filters.anyIndustry") },
        ...industries.map((i) => ({ value: i.id, label: pick(l.locale, i.name_en, i.name_zh) })),
      ])}
      {select("country", t("filters.country"), [
        { value: "", label: t("filters.anyCountry") },
        ...countryOptions(
          l.locale,
          COUNTRIES.filter((c) => countries.includes(c)),
        ),
      ])}
      {select("source", t("filters.source"), [
        { value: "", label: t("filters.anySource") },
        ...SOURCES.map((s) => ({ value: s, label: l.source(s) })),
      ])}
      {select("size", t("filters.size"), [
        { value: "", label: t("filters.anySize") },
        { value: "small", label: t("filters.sizeSmall") },
        { value: "medium", label: t("filters.sizeMedium") },
        { value: "large", label: t("filters.sizeLarge") },
        { value: "unknown", label: t("filters.sizeUnknown") },
      ])}
      {select("flag", t("filters.flag"), [
        { value: "", label: t("filters.anyFlagState") },
        { value: "any", label: t("filters.flagAny") },
        { value: "no_next_step", label: l.flag("no_next_step") },
        { value: "overdue", label: l.flag("overdue") },
        { value: "stale", label: l.flag("stale") },
        { value: "none", label: t("filters.flagNone") },
      ])}
      <div className="row">
        <button type="submit" className="button">
          {t("filters.apply")}
        </button>
        <Link to="/desk/projects">{t("filters.clear")}</Link>
      </div>
    </Form>
  );
}
