/** Shared parts of the claim pages (company and desk): state, facts, progress, documents, payments, history. */
import { industryLabel } from "~/companies/schema";
import { designationLabel } from "~/companies/designations";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { ClaimFacts } from "./claim-pages.server";
import type { PolicyDocument } from "./schema";

export type ClaimStatusCode =
  "submitted" | "info_requested" | "approved" | "rejected" | "withdrawn" | "paid";

const BADGE: Record<string, string> = {
  submitted: "",
  info_requested: "badge-warning",
  approved: "badge-success",
  paid: "badge-success",
  rejected: "badge-muted",
  withdrawn: "badge-muted",
};

export function claimRef(id: string): string {
  return `PC-${id.slice(0, 8).toUpperCase()}`;
}

export function useMoney() {
  const locale = useLocale();
  return (minor: number | null | undefined) =>
    minor == null ? "–" : formatMoney(Number(minor) / 100, "CNY", locale);
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("claims");
  return (
    <span className={`badge ${BADGE[status] ?? "badge-muted"}`.trim()}>
      {t(`status.${status as ClaimStatusCode}`)}
    </span>
  );
}

export function StageText({ stages, stage }: { stages: readonly string[]; stage: number }) {
  const { t } = useTranslation("claims");
  const s = stages[stage];
  return <>{s ? t(`stages.${s as "check" | "assess" | "approve"}`) : "–"}</>;
}

/** The stages of the policy, the current one marked (while the claim is under review). */
export function Progress({
  stages,
  stage,
  status,
}: {
  stages: readonly string[];
  stage: number;
  status: string;
}) {
  const { t } = useTranslation("claims");
  const done = status === "approved" || status === "paid";
  const live = status === "submitted" || status === "info_requested";
  return (
    <ol className="claim-progress">
      {stages.map((s, i) => {
        const state = done || i < stage ? "done" : live && i === stage ? "current" : "todo";
        return (
          <li key={s} className={`claim-step claim-step-${state}`}>
            {t(`stages.${s as "check" | "assess" | "approve"}`)}
            {state === "current" ? (
              <span className="visually-hidden"> ({t(`status.${status as ClaimStatusCode}`)})</span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

export function FactsList({ facts }: { facts: ClaimFacts }) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const unknown = t("fields.unknown");
  return (
    <dl className="details">
      <dt>{t("fields.industry")}</dt>
      <dd>{facts.industry ? industryLabel(facts.industry, locale) : unknown}</dd>
      <dt>{t("fields.registeredOn")}</dt>
      <dd>
        {facts.registeredOn ? formatDate(`${facts.registeredOn}T12:00:00+08:00`, locale) : unknown}
      </dd>
      <dt>{t("fields.residency")}</dt>
      <dd>
        {facts.isResident
          ? t("fields.resident")
          : facts.isIncubatee
            ? t("fields.incubatee")
            : t("fields.neither")}
      </dd>
      <dt>{t("fields.headcount")}</dt>
      <dd>{facts.headcount == null ? unknown : formatNumber(facts.headcount, locale)}</dd>
      <dt>{t("fields.revenue")}</dt>
      <dd>
        {facts.revenue == null
          ? unknown
          : t("fields.revenueValue", { amount: formatNumber(facts.revenue, locale) })}
      </dd>
      <dt>{t("fields.rdIntensity")}</dt>
      <dd>
        {facts.rdIntensity == null ? unknown : `${formatNumber(facts.rdIntensity, locale, 1)}%`}
      </dd>
      <dt>{t("fields.designations")}</dt>
      <dd>
        {facts.designations.length
          ? facts.designations
              .map((d) =>
                [
                  designationLabel(d.kind, locale),
                  d.expiresOn ? `(${formatDate(`${d.expiresOn}T12:00:00+08:00`, locale)})` : "",
                ]
                  .filter(Boolean)
                  .join(" "),
              )
              .join("; ")
          : unknown}
      </dd>
    </dl>
  );
}

export function DocumentList({
  documents,
  required,
}: {
  documents: readonly {
    id: string;
    doc_key: string;
    filename: string;
    created_at: string | Date;
  }[];
  required: readonly PolicyDocument[];
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  if (!documents.length) return <p className="muted">{t("detail.noDocuments")}</p>;
  const label = (key: string) => {
    const d = required.find((r) => r.key === key);
    return d ? pick(locale, d.en, d.zh) : t("detail.extra");
  };
  return (
    <ul className="stack">
      {documents.map((d) => (
        <li key={d.id}>
          <span className="muted">{label(d.doc_key)}:</span>{" "}
          <a href={`/claims/files/${d.id}`} download>
            {d.filename}
          </a>{" "}
          <span className="muted">{formatDate(d.created_at, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

export function PaymentTable({
  payments,
}: {
  payments: readonly { id: string; paid_on: string; amount_minor: number; reference: string }[];
}) {
  const { t } = useTranslation("claims");
  const money = useMoney();
  const locale = useLocale();
  if (!payments.length) return <p className="muted">{t("detail.noPayments")}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("detail.paidOn")}</th>
            <th scope="col">{t("detail.amount")}</th>
            <th scope="col">{t("detail.paymentRef")}</th>
          </tr>
        </thead>
        <tbody>
          {payments.map((p) => (
            <tr key={p.id}>
              <th scope="row">{formatDate(`${p.paid_on}T12:00:00+08:00`, locale)}</th>
              <td data-label={t("detail.amount")}>{money(p.amount_minor)}</td>
              <td data-label={t("detail.paymentRef")} className="nowrap">
                {p.reference}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HistoryList({
  events,
  stages,
}: {
  events: readonly {
    id: string;
    kind: string;
    stage: number | null;
    note: string;
    amount_minor: number | null;
    at: string | Date;
    side: "company" | "park" | "system";
    name: string | null;
  }[];
  stages: readonly string[];
}) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  return (
    <ol className="stack claim-history">
      {events.map((e) => (
        <li key={e.id}>
          <p>
            <strong>{t(`events.${e.kind as "submitted"}`)}</strong>
            {e.kind === "advance" && e.stage !== null ? (
              <>
                {" "}
                → <StageText stages={stages} stage={e.stage} />
              </>
            ) : null}
            {e.amount_minor !== null ? ` · ${money(e.amount_minor)}` : ""}
          </p>
          <p className="muted">
            {formatDateTime(e.at, locale)} · {e.name ?? t(`sides.${e.side}`)}
          </p>
          {e.note ? <p className="claim-note">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
