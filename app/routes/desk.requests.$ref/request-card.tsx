/** The desk's card for the request itself: company, requester, both SLA clocks and the details. */
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { SlaLine, WorkingHoursNote } from "~/service-requests/components";
import { FieldValues, RatingLine, type ThreadFile } from "~/service-requests/thread";
import type { TypeField } from "~/service-requests/catalogue.server";

interface Sla {
  firstResponseDueAt: string | null;
  firstResponseMs: number | null;
  firstBreached: boolean;
  resolutionDueAt: string | null;
  resolutionMs: number | null;
  resolutionBreached: boolean;
}

export function RequestCard({
  request: r,
  sla,
  fields,
  fieldValues,
  files,
}: {
  request: {
    state: string;
    description: string;
    company_name_en: string;
    company_name_zh: string;
    requester_name: string | null;
    requester_email: string | null;
    first_responded_at: unknown;
    first_response_minutes: number | null;
    first_response_target_minutes: number;
    rating: number | null;
    rating_comment: string | null;
  };
  sla: Sla;
  fields: TypeField[];
  fieldValues: Record<string, string>;
  files: ThreadFile[];
}) {
  const { t } = useTranslation("services");
  const locale = useLocale();
  const finished = r.state === "resolved" || r.state === "closed";
  const firstMet = (r.first_response_minutes ?? 0) <= r.first_response_target_minutes;
  return (
    <section className="card">
      <dl className="details">
        <dt>{t("staff.company")}</dt>
        <dd>{pick(locale, r.company_name_en, r.company_name_zh)}</dd>
        <dt>{t("staff.requester")}</dt>
        <dd>
          {r.requester_name ?? "–"}{" "}
          {r.requester_email ? <span className="muted">({r.requester_email})</span> : null}
        </dd>
        {r.first_responded_at ? (
          <SlaLine
            label={t("sla.firstResponse")}
            dueAt={null}
            leftMs={null}
            done={firstMet ? "met" : "missed"}
          />
        ) : (
          <SlaLine
            label={t("sla.firstResponse")}
            dueAt={sla.firstResponseDueAt}
            leftMs={sla.firstResponseMs}
            breached={sla.firstBreached}
          />
        )}
        {finished ? (
          <SlaLine
            label={t("sla.resolution")}
            dueAt={null}
            leftMs={null}
            done={sla.resolutionBreached ? "missed" : "met"}
          />
        ) : (
          <SlaLine
            label={t("sla.resolution")}
            dueAt={sla.resolutionDueAt}
            leftMs={sla.resolutionMs}
            breached={sla.resolutionBreached}
          />
        )}
      </dl>
      {finished ? null : <WorkingHoursNote />}
      <h2 className="section">{t("detail.description")}</h2>
      <p className="sr-body">{r.description}</p>
      <FieldValues fields={fields} values={fieldValues} files={files} />
      <RatingLine rating={r.rating} comment={r.rating_comment} />
    </section>
  );
}
