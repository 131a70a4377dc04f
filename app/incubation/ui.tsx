import { useTranslation } from "~/i18n/use-translation";
import { useErrorText } from "~/components/forms";
import { useParkTime, usePick } from "./hooks";
import { HEADCOUNT_RANGES, isHeadcountRange, type Question } from "./schema";
import { type ApplicationStatus, type CallPhase } from "./workflow";

const TONE: Record<ApplicationStatus, string> = {
  draft: "badge badge-muted",
  submitted: "badge",
  screening: "badge",
  info_requested: "badge badge-warning",
  resubmitted: "badge",
  in_review: "badge",
  accepted: "badge badge-success",
  accepted_with_conditions: "badge badge-success",
  rejected: "badge badge-danger",
  withdrawn: "badge badge-muted",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation("incubation");
  return <span className={TONE[status]}>{t(`status.${status}`)}</span>;
}

export { useParkTime, usePick };

/** Paragraphs of plain text (letters, answers), never as HTML. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <div className="incubation-letter">
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

interface QuestionLike {
  key: string;
  step: number;
  labelEn: string;
  labelZh: string;
  kind?: string;
}
interface DocSpecLike {
  key: string;
  labelEn: string;
  labelZh: string;
}
interface DocLike {
  id: string;
  kind: string;
  filename: string;
  size_bytes: number;
}

/** The answers of an application, read-only, grouped by step. */
export function AnswersView({
  questions,
  answers,
  headingLevel = 3,
}: {
  questions: QuestionLike[];
  answers: Record<string, string>;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="stack">
      {[1, 2, 3, 4].map((step) => {
        const qs = questions.filter((q) => q.step === step);
        if (!qs.length) return null;
        return (
          <section key={step}>
            <H>{t(`steps.${step as 1}`)}</H>
            <dl className="details">
              {qs.map((q) => (
                <div key={q.key} style={{ display: "contents" }}>
                  <dt>{pick(q.labelEn, q.labelZh)}</dt>
                  <dd style={{ whiteSpace: "pre-line" }}>
                    {answers[q.key]?.trim() ? (
                      q.kind === "headcount" && isHeadcountRange(answers[q.key]) ? (
                        t(`app.headcount.${answers[q.key] as "1-9"}`)
                      ) : (
                        answers[q.key]
                      )
                    ) : (
                      <span className="muted">{t("app.noAnswer")}</span>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
    </div>
  );
}

export function DocumentsList({
  applicationId,
  specs,
  documents,
}: {
  applicationId: string;
  specs: DocSpecLike[];
  documents: DocLike[];
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  if (!documents.length) return <p className="muted">{t("documents.none")}</p>;
  return (
    <ul>
      {documents.map((d) => {
        const spec = specs.find((s) => s.key === d.kind);
        return (
          <li key={d.id}>
            {spec ? `${pick(spec.labelEn, spec.labelZh)}: ` : ""}
            <a href={`/applications/${applicationId}/documents/${d.id}`} download>
              {d.filename}
            </a>{" "}
            <span className="muted">
              ({t("documents.size", { size: String(Math.max(1, Math.round(d.size_bytes / 1024))) })}
              )
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One question of an application step: a textarea with its limit, and its error (over-long or
 * control characters) under it with the answer kept.
 */
export function QuestionField({
  question: q,
  value,
  error,
}: {
  question: Question;
  value: string;
  error?: string;
}) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const errorText = useErrorText();
  const id = `q-${q.key}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {pick(q.labelEn, q.labelZh)}
        {q.required ? null : <span className="field-optional"> ({t("public.optional")})</span>}
      </label>
      {q.kind === "headcount" ? (
        // A choice of ranges (issue 18); an earlier free-text answer shows as not chosen.
        <select
          id={id}
          name={q.key}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          defaultValue={isHeadcountRange(value) ? value : ""}
        >
          <option value="">{t("app.choose")}</option>
          {HEADCOUNT_RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`app.headcount.${r}`)}
            </option>
          ))}
        </select>
      ) : (
        <>
          <p className="field-hint" id={`${id}-hint`}>
            {t("app.characters", { max: String(q.maxLength) })}
          </p>
          <textarea
            id={id}
            name={q.key}
            rows={5}
            maxLength={q.maxLength}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            defaultValue={value}
          />
        </>
      )}
      {error ? (
        <div id={`${id}-error`} className="field-errors" role="alert">
          <p>{errorText(error)}</p>
        </div>
      ) : null}
    </div>
  );
}

/** What happened to an application, as its company sees it; the park's questions in full. */
export function ApplicantMessages({
  messages,
}: {
  messages: {
    id: string | number;
    created_at: string | Date;
    status: string | null;
    kind: string;
    body: string | null;
  }[];
}) {
  const { t } = useTranslation("incubation");
  const time = useParkTime();
  if (!messages.length) return <p className="muted">{t("dashboard.noMessages")}</p>;
  return (
    <ul>
      {messages.map((m) => (
        <li key={m.id}>
          <span className="muted">{time(m.created_at)}</span> —{" "}
          {m.status
            ? t("dashboard.statusChanged", { status: t(`status.${m.status as "draft"}`) })
            : null}
          {(m.kind === "info_request" || (m.kind === "incubation" && m.status === "extended")) &&
          m.body ? (
            <span style={{ whiteSpace: "pre-line" }}> {m.body}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A call's phase: open (green), upcoming, or closed (muted). */
export function PhaseBadge({ phase }: { phase: CallPhase }) {
  const { t } = useTranslation("incubation");
  const tone =
    phase === "open" ? "badge badge-success" : phase === "upcoming" ? "badge" : "badge badge-muted";
  return <span className={tone}>{t(`phase.${phase}`)}</span>;
}
