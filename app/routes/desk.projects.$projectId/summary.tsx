/** The project's details and contacts, read-only. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useProjectLabels } from "~/projects/ui";

export interface SummaryProject {
  organisation: string;
  country: string | null;
  parent_group: string;
  industry_en: string | null;
  industry_zh: string | null;
  plan_kind: string | null;
  investment_minor: number | null;
  investment_currency: string | null;
  capital_minor: number | null;
  capital_currency: string | null;
  jobs_planned: number | null;
  space_type: string | null;
  area_min_m2: number | null;
  area_max_m2: number | null;
  move_in_on: string | null;
  special_needs: string;
  source: string;
  owner_name: string | null;
  notes: string;
  inquiry_id: string | null;
  inquiry_reference: string | null;
}

export function ProjectSummary({
  project: p,
  contacts,
}: {
  project: SummaryProject;
  contacts: { name: string; title: string; email: string; phone: string }[];
}) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const dash = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === "" ? "—" : String(v);
  const area =
    p.area_min_m2 !== null || p.area_max_m2 !== null
      ? `${p.area_min_m2 ?? "…"}–${p.area_max_m2 ?? "…"} m²`
      : null;
  const rows: [string, React.ReactNode][] = [
    [t("fields.country"), dash(l.country(p.country))],
    [t("fields.parentGroup"), dash(p.parent_group)],
    [
      t("fields.industry"),
      dash(p.industry_en ? l.industry({ en: p.industry_en, zh: p.industry_zh ?? "" }) : null),
    ],
    [t("fields.planKind"), dash(l.plan(p.plan_kind))],
    [t("fields.investment"), dash(l.money(p.investment_minor, p.investment_currency))],
    [t("fields.capital"), dash(l.money(p.capital_minor, p.capital_currency))],
    [t("fields.jobsPlanned"), dash(p.jobs_planned)],
    [t("fields.spaceType"), dash(l.spaceType(p.space_type))],
    [t("fields.area"), dash(area)],
    [t("fields.moveInOn"), dash(p.move_in_on)],
    [t("fields.specialNeeds"), dash(p.special_needs)],
    [t("fields.source"), l.source(p.source)],
    [t("fields.owner"), dash(p.owner_name)],
  ];
  if (p.inquiry_id)
    rows.push([
      t("fields.inquiry"),
      <Link key="inq" to={`/desk/inquiries/${p.inquiry_id}`}>
        {t("detail.inquiryLink", { reference: p.inquiry_reference ?? "" })}
      </Link>,
    ]);
  return (
    <section className="card" aria-labelledby="project-details">
      <h2 id="project-details">{t("detail.details")}</h2>
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k} className="project-kv">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t("fields.contacts")}</h3>
      {contacts.length ? (
        <ul className="project-contacts">
          {contacts.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong>
              {c.title ? ` · ${c.title}` : ""}
              {c.email ? (
                <>
                  {" · "}
                  <a href={`mailto:${c.email}`}>{c.email}</a>
                </>
              ) : null}
              {c.phone ? ` · ${c.phone}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("detail.contactsNone")}</p>
      )}
      <h3>{t("fields.notes")}</h3>
      <p className="inquiry-message">{p.notes || "—"}</p>
    </section>
  );
}
