/**
 * The investor's words for where a project stands (ADR 0029): each stage in plain language
 * with what happens next, and the way forward as a list of steps with the current one marked.
 */
import { useTranslation } from "~/i18n/use-translation";
import { PIPELINE_STAGES, type Stage } from "./pipeline";

export function InvestorStage({ stage, compact = false }: { stage: string; compact?: boolean }) {
  const { t } = useTranslation("investor");
  const s =
    (PIPELINE_STAGES as readonly string[]).includes(stage) ||
    stage === "on_hold" ||
    stage === "lost"
      ? (stage as Stage)
      : "new";
  return (
    <div className="investor-stage" data-testid="investor-stage">
      <p className="investor-stage-title">
        <span className="badge">{t(`stage.${s}.title`)}</span>
      </p>
      {compact ? null : <p>{t(`stage.${s}.text`)}</p>}
    </div>
  );
}

/** The way from first contact to production, the current step marked (an ordered list). */
export function InvestorSteps({ stage }: { stage: string }) {
  const { t } = useTranslation("investor");
  const current = (PIPELINE_STAGES as readonly string[]).indexOf(stage);
  return (
    <ol className="investor-steps" aria-label={t("detail.steps")}>
      {PIPELINE_STAGES.map((s, i) => (
        <li
          key={s}
          className={i < current ? "is-done" : i === current ? "is-current" : ""}
          aria-current={i === current ? "step" : undefined}
        >
          {t(`stage.${s}.title`)}
        </li>
      ))}
    </ol>
  );
}
