/** The payee of an award or approved claim (ADR 0048), as the company and the desk see it. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

export interface PayeeView {
  account_name: string;
  bank_name: string;
  account_number: string;
  confirmed_at: string;
}

/** Dates are shown as the day they were confirmed (UTC), as on the rest of the claim page. */
export function PayeeDetails({ payee }: { payee: PayeeView | null }) {
  const { t } = useTranslation("claims");
  if (!payee) return <p className="muted">{t("payee.none")}</p>;
  return (
    <dl className="details" data-testid="payee">
      <dt>{t("payee.accountName")}</dt>
      <dd>{payee.account_name}</dd>
      <dt>{t("payee.bankName")}</dt>
      <dd>{payee.bank_name}</dd>
      <dt>{t("payee.accountNumber")}</dt>
      <dd className="nowrap">{payee.account_number}</dd>
      <dt>{t("payee.title")}</dt>
      <dd>{t("payee.confirmedOn", { date: payee.confirmed_at.slice(0, 10) })}</dd>
    </dl>
  );
}

/** On the company's claim page: what the park still needs before paying, and the way to it. */
export function PayeeCard({
  claimId,
  payee,
  open,
  owner,
}: {
  claimId: string;
  payee: PayeeView | null;
  open: boolean;
  owner: boolean;
}) {
  const { t } = useTranslation("claims");
  if (!payee && !open) return null;
  return (
    <section
      className={`card stack${payee ? "" : " notice-warning"}`}
      aria-labelledby="claim-payee"
    >
      <h2 id="claim-payee">{t("payee.title")}</h2>
      {payee ? null : <p>{t("payee.needed")}</p>}
      <PayeeDetails payee={payee} />
      {open && owner ? (
        <p>
          <Link
            className={payee ? "button button-secondary" : "button"}
            to={`/company/claims/${claimId}/payee`}
          >
            {payee ? t("payee.change") : t("payee.open")}
          </Link>
        </p>
      ) : open ? (
        <p className="muted">{t("payee.ownerOnly")}</p>
      ) : null}
    </section>
  );
}
