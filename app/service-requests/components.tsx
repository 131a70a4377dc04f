/** Small UI pieces shared by the service-request pages (browser-safe: no server imports). */
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { formatDateTime } from "~/lib/format";
import { durationParts } from "./business-hours";
import { stateTone, type RequestState } from "./workflow";

/** A state's label: staff pages word "waiting on requester" from the desk's side, in both languages. */
export function useStateLabel(staff: boolean) {
  const { t } = useTranslation("services");
  return (s: RequestState) =>
    staff && s === "waiting_on_requester"
      ? t("staffStates.waiting_on_requester")
      : t(`states.${s}`);
}

export function StateBadge({ state, staff = false }: { state: RequestState; staff?: boolean }) {
  const stateLabel = useStateLabel(staff);
  const tone = stateTone(state);
  const cls = tone === "info" ? "badge" : `badge badge-${tone}`;
  const label = stateLabel(state);
  return (
    <span className={cls} data-state={state}>
      {label}
    </span>
  );
}

export function useFormatDate() {
  const locale = useLocale();
  return (value: string | Date | null | undefined) => (value ? formatDateTime(value, locale) : "–");
}

export function useDuration() {
  const { t } = useTranslation("services");
  // "1 d", "1 d 4 h", "2 h 30 min": the units that are not zero ("0 min" for none), so a
  // target of one working day does not read "1 d 0 h 0 min" in a narrow card.
  return (ms: number) => {
    const { days, hours, minutes } = durationParts(ms);
    const parts = [
      days ? t("sla.days", { n: String(days) }) : "",
      hours ? t("sla.hours", { n: String(hours) }) : "",
      minutes || (!days && !hours) ? t("sla.minutes", { n: String(minutes) }) : "",
    ];
    return parts.filter(Boolean).join(" ");
  };
}

/** Due time plus the working time left (or overdue) of one SLA clock. */
export function SlaLine({
  label,
  dueAt,
  leftMs,
  done,
  breached,
}: {
  label: string;
  dueAt: string | null;
  leftMs: number | null;
  done?: "met" | "missed" | null;
  breached?: boolean;
}) {
  const { t } = useTranslation("services");
  const date = useFormatDate();
  const duration = useDuration();
  let body: React.ReactNode;
  if (done)
    body = (
      <span className={`badge ${done === "met" ? "badge-success" : "badge-danger"}`}>
        {t(`sla.${done}`)}
      </span>
    );
  else if (!dueAt || leftMs === null)
    body = <span className="badge badge-muted">{t("sla.paused")}</span>;
  else
    body = (
      <>
        {date(dueAt)}{" "}
        {leftMs < 0 || breached ? (
          <span className="badge badge-danger" title={t("sla.workingHoursHelp")}>
            {t("sla.overdue", { time: duration(leftMs) })}
          </span>
        ) : (
          <span className="muted" title={t("sla.workingHoursHelp")}>
            ({t("sla.left", { time: duration(leftMs) })})
          </span>
        )}
      </>
    );
  return (
    <>
      <dt>{label}</dt>
      <dd>{body}</dd>
    </>
  );
}

/** What "working time" means, said once under the countdowns (the countdowns carry it as a tooltip). */
export function WorkingHoursNote() {
  const { t } = useTranslation("services");
  return <p className="muted sr-hours-note">{t("sla.workingHoursHelp")}</p>;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
