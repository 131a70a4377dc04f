/**
 * The offer after an acceptance, as the company and as staff see it (issue 16): its terms, the
 * reply (company: accept or decline, each confirmed), the agreement and its signed copies, and
 * onboarding progress: the service requests signing opened, each with its state.
 */
import { Form, Link } from "@remix-run/react";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { StateBadge } from "~/service-requests/components";
import type { RequestState } from "~/service-requests/workflow";
import { usePick } from "./ui";

export interface OfferView {
  status: string;
  conditions: string;
  space: string;
  reply_by: string | Date;
  start_date: string | Date;
  planned_end_date: string | Date;
  decline_reason: string | null;
  agreement_file_id: string | null;
  company_signed_at: string | Date | null;
  staff_signed_at: string | Date | null;
  signed_at: string | Date | null;
}
export interface OnboardingRow {
  ref: string;
  state: string;
  name_en: string;
  name_zh: string;
}

export function OfferSection({
  applicationId,
  offer,
  onboarding,
  side,
  replyOpen,
  error,
}: {
  applicationId: string;
  offer: OfferView;
  onboarding: OnboardingRow[];
  side: "company" | "staff";
  /** The reply-by date has not passed. */
  replyOpen: boolean;
  error?: string | null;
}) {
  const { t } = useTranslation("incubation");
  const locale = useLocale();
  const pick = usePick();
  const day = (d: string | Date) => formatDate(d, locale);
  const file = (which: string) => `/applications/${applicationId}/agreement/${which}`;
  const signedByMe = side === "company" ? offer.company_signed_at : offer.staff_signed_at;
  return (
    <section className="card stack" aria-labelledby="offer-heading" data-testid="offer">
      <h2 id="offer-heading">{t("offer.title")}</h2>
      <p>
        <span className="badge">{t(`offer.status.${offer.status as "offered"}`)}</span>
      </p>
      {error ? (
        <p className="notice notice-danger" role="alert">
          {error}
        </p>
      ) : null}
      <dl className="offer-terms">
        <dt>{t("offer.dates")}</dt>
        <dd>
          {day(offer.start_date)} – {day(offer.planned_end_date)}
        </dd>
        <dt>{t("offer.space")}</dt>
        <dd>{offer.space || t("offer.spaceLater")}</dd>
        <dt>{t("offer.conditions")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{offer.conditions || t("offer.noConditions")}</dd>
        <dt>{t("offer.replyBy")}</dt>
        <dd>{day(offer.reply_by)}</dd>
      </dl>
      {offer.status === "declined" && offer.decline_reason ? (
        <p className="muted">
          {t("offer.declinedBecause")} {offer.decline_reason}
        </p>
      ) : null}

      {side === "company" && offer.status === "offered" && replyOpen ? (
        <div className="row">
          <ConfirmTrigger name="accept-offer" className="button">
            {t("offer.accept")}
          </ConfirmTrigger>
          <ConfirmTrigger name="decline-offer" className="button button-secondary">
            {t("offer.decline")}
          </ConfirmTrigger>
          <ConfirmDialog
            name="accept-offer"
            title={t("offer.acceptTitle")}
            cancelLabel={t("offer.notYet")}
          >
            <p>{t("offer.acceptLead")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="accept_offer" />
              <SubmitButton className="button">{t("offer.acceptConfirm")}</SubmitButton>
            </Form>
          </ConfirmDialog>
          <ConfirmDialog
            name="decline-offer"
            title={t("offer.declineTitle")}
            cancelLabel={t("offer.notYet")}
          >
            <Form method="post" className="form-stack">
              <input type="hidden" name="intent" value="decline_offer" />
              <div className="field">
                <label htmlFor="decline-reason">{t("offer.reason")}</label>
                <textarea id="decline-reason" name="reason" rows={3} maxLength={2000} required />
              </div>
              <SubmitButton className="button button-danger">
                {t("offer.declineConfirm")}
              </SubmitButton>
            </Form>
          </ConfirmDialog>
        </div>
      ) : null}
      {side === "company" && offer.status === "offered" && !replyOpen ? (
        <p className="notice notice-warning">{t("offer.expired")}</p>
      ) : null}

      {offer.status === "accepted" || offer.status === "signed" ? (
        <div className="stack">
          <h3>{t("offer.agreement")}</h3>
          <ul>
            {offer.agreement_file_id ? (
              <li>
                <a href={file("agreement")} download>
                  {t("offer.download")}
                </a>
              </li>
            ) : null}
            <li>
              {t("offer.companySigned")}:{" "}
              {offer.company_signed_at ? (
                <a href={file("company")} download>
                  {day(offer.company_signed_at)}
                </a>
              ) : (
                t("offer.notSigned")
              )}
            </li>
            <li>
              {t("offer.staffSigned")}:{" "}
              {offer.staff_signed_at ? (
                <a href={file("staff")} download>
                  {day(offer.staff_signed_at)}
                </a>
              ) : (
                t("offer.notSigned")
              )}
            </li>
          </ul>
          <Form method="post" encType="multipart/form-data" className="form-stack">
            <input type="hidden" name="intent" value="sign" />
            <div className="field">
              <label htmlFor="signed-copy">
                {signedByMe ? t("offer.replaceSigned") : t("offer.uploadSigned")}
              </label>
              <input id="signed-copy" type="file" name="file" accept="application/pdf,.pdf" />
            </div>
            <SubmitButton className="button button-secondary">{t("offer.markSigned")}</SubmitButton>
          </Form>
        </div>
      ) : null}

      {offer.status === "signed" ? (
        <div className="stack" data-testid="onboarding">
          <p className="notice notice-success">
            {t("offer.incubatee", {
              start: day(offer.start_date),
              end: day(offer.planned_end_date),
            })}
          </p>
          <h3>{t("offer.onboarding")}</h3>
          {onboarding.length ? (
            <ul>
              {onboarding.map((o) => (
                <li key={o.ref}>
                  <Link to={side === "company" ? `/requests/${o.ref}` : `/desk/requests/${o.ref}`}>
                    {o.ref} · {pick(o.name_en, o.name_zh)}
                  </Link>{" "}
                  <StateBadge state={o.state as RequestState} staff={side === "staff"} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("offer.noOnboarding")}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
