/** The project's history: every change with who and when, newest first. */
import { useTranslation } from "~/i18n/use-translation";
import { isoMinute } from "~/lib/format";
import { useSpaceEventLine } from "~/projects/space-ui";
import { useProjectLabels } from "~/projects/ui";

export interface HistoryEvent {
  id: number;
  kind: string;
  from_stage: string | null;
  to_stage: string | null;
  note: string;
  details: unknown;
  at: string | Date;
  actor_name: string | null;
}

/** The form's label of each column an edit can change. */
const FIELD_LABEL: Record<string, string> = {
  organisation: "organisation",
  country: "country",
  parent_group: "parentGroup",
  industry_id: "industry",
  plan_kind: "planKind",
  investment_minor: "investment",
  investment_currency: "investment",
  capital_minor: "capital",
  capital_currency: "capital",
  jobs_planned: "jobsPlanned",
  space_type: "spaceType",
  area_min_m2: "area",
  area_max_m2: "area",
  move_in_on: "moveInOn",
  special_needs: "specialNeeds",
  source: "source",
  owner_id: "owner",
  notes: "notes",
  contacts: "contacts",
};

export function ProjectHistory({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const spaceLine = useSpaceEventLine();
  const line = (e: HistoryEvent): string => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const amount = () => l.money(Number(d.amountMinor ?? 0), String(d.currency ?? ""));
    switch (e.kind) {
      case "created":
        return d.inquiry
          ? t("event.createdFromInquiry", { inquiry: String(d.inquiry) })
          : t("event.created");
      case "stage":
        return t("event.stage", {
          from: l.stage(e.from_stage ?? ""),
          to: l.stage(e.to_stage ?? ""),
        });
      case "edited":
        return t("event.edited", {
          fields: [
            ...new Set(
              (Array.isArray(d.fields) ? d.fields : []).map((f) =>
                t(`fields.${(FIELD_LABEL[String(f)] ?? "notes") as "notes"}`),
              ),
            ),
          ].join(l.locale === "zh-CN" ? "、" : ", "),
        });
      case "next_step":
        return t("event.next_step", { due: String(d.due ?? "") });
      case "tranche_added":
        return t("event.tranche_added", { amount: amount(), date: String(d.arrivedOn ?? "") });
      case "tranche_removed":
        return t("event.tranche_removed", { amount: amount(), date: String(d.arrivedOn ?? "") });
      case "visit_planned":
      case "visit_rescheduled":
      case "visit_cancelled":
      case "visit_held":
        return t(`event.${e.kind}`, {
          when: d.startsAt ? isoMinute(String(d.startsAt)) : "",
          place: String(d.place ?? ""),
        });
      default:
        return spaceLine(e.kind, d) ?? e.kind;
    }
  };
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("detail.history")}</h2>
      <ol className="stack inquiry-history" data-testid="project-history">
        {events.map((e) => {
          const d = (e.details ?? {}) as Record<string, unknown>;
          return (
            <li key={e.id} className={`card project-event project-event-${e.kind}`}>
              <p className="muted">
                {isoMinute(e.at)} · {line(e)}
                {e.actor_name ? ` · ${t("detail.by", { name: e.actor_name })}` : ""}
              </p>
              {e.note ? <p className="inquiry-message">{e.note}</p> : null}
              {typeof d.lostReason === "string" ? (
                <p className="inquiry-message">
                  {t("detail.lostReason")}: {d.lostReason}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
