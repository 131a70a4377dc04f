/** The application's heading, the information the park asked for, and the steps. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import { DOCUMENTS_STEP, STEPS } from "~/incubation/workflow";
import { STEP_FORM_ID } from "./answers-step";
import type { CompanyApp } from "./action-data";

export function useStepTitle() {
  const { t } = useTranslation("incubation");
  return (n: number) => t(`steps.${String(n) as "1"}`);
}

export function StepHeader({
  app,
  step,
  infoRequest,
}: {
  app: CompanyApp;
  step: number;
  infoRequest: string | null;
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();
  const stepTitle = useStepTitle();
  return (
    <>
      <header className="page-header">
        <p className="muted">
          {pick(app.company_en, app.company_zh)} · <StatusBadge status={app.status} />
        </p>
        <h1>{t("app.title", { call: pick(app.call_title_en, app.call_title_zh) })}</h1>
        <p className="muted">
          {t("app.deadline", { date: time(app.closes_at) })} · {t("time.zone")}
        </p>
        <p className="muted" data-testid="last-saved">
          {app.last_saved_at
            ? t("app.lastSaved", {
                date: time(app.last_saved_at),
                name: app.last_saved_by_name ?? "",
              })
            : t("app.neverSaved")}
        </p>
      </header>
      {infoRequest ? (
        <div className="notice notice-warning">
          <strong>{t("app.infoRequested")}:</strong>{" "}
          <span style={{ whiteSpace: "pre-line" }}>{infoRequest}</span>
          <p>{t("app.infoRequestedLead")}</p>
        </div>
      ) : null}
      <nav aria-label={t("app.stepsNav")}>
        <ol className="tabs incubation-steps">
          {STEPS.map((n) => (
            <li key={n}>
              {step < DOCUMENTS_STEP && n !== step ? (
                // On an answers step a tab saves what was typed, then goes (also without JavaScript).
                <button
                  type="submit"
                  form={STEP_FORM_ID}
                  name="intent"
                  value={`goto-${n}`}
                  className="tab-button"
                >
                  {n}. {stepTitle(n)}
                </button>
              ) : (
                <Link
                  to={`/applications/${app.id}/step/${n}`}
                  aria-current={n === step ? "step" : undefined}
                  className={n === step ? "active" : undefined}
                >
                  {n}. {stepTitle(n)}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
    </>
  );
}
