/** The uptake page's parts: the funnel with its table, the companies to reach, the claims. */
import { Form, Link } from "@remix-run/react";
import { DataTable, FunnelChart } from "~/components/charts";
import { ConfirmDialog, ConfirmTrigger } from "~/components/confirm-dialog";
import { IdempotencyKey } from "~/components/idempotency-key";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { StatusBadge, useMoney } from "~/policies/claim-ui";
import type { Uptake, UptakeRow } from "~/policies/uptake.server";

export function UptakeFigures({ uptake: u }: { uptake: Uptake }) {
  const { t } = useTranslation("claims");
  const money = useMoney();
  const stages = [
    { label: t("uptake.eligible"), value: u.eligible },
    { label: t("uptake.claimed"), value: u.claimed },
    { label: t("uptake.awarded"), value: u.awarded },
    { label: t("uptake.paid"), value: u.paid },
  ];
  return (
    <section className="section stack" aria-labelledby="uptake-figures">
      <h2 id="uptake-figures">{t("uptake.figures")}</h2>
      <FunnelChart
        title={t("uptake.chart")}
        caption="hidden"
        table="beside"
        note={t("uptake.chartNote")}
        stages={stages}
      >
        <DataTable
          caption={t("uptake.chart")}
          columns={[t("uptake.stage"), t("uptake.companies")]}
          rows={stages.map((s) => [s.label, s.value])}
        />
      </FunnelChart>
      <dl className="details">
        <dt>{t("uptake.awardedAmount")}</dt>
        <dd>{money(u.awardedMinor)}</dd>
        <dt>{t("uptake.paidAmount")}</dt>
        <dd>{money(u.paidMinor)}</dd>
      </dl>
    </section>
  );
}

function OutreachButton({ row }: { row: UptakeRow }) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const name = pick(locale, row.nameEn, row.nameZh);
  const key = `outreach-${row.companyId}`;
  return (
    <>
      <ConfirmTrigger name={key} className="button button-small">
        {t("uptake.reach")}
        <span className="visually-hidden"> {name}</span>
      </ConfirmTrigger>
      <ConfirmDialog
        name={key}
        title={t("uptake.reachTitle", { company: name })}
        cancelLabel={t("desk.cancel")}
      >
        <p>
          {row.manager
            ? t("uptake.reachBody", { manager: row.manager })
            : t("uptake.reachBodyNoManager")}
        </p>
        <Form method="post" className="row">
          <IdempotencyKey />
          <input type="hidden" name="companyId" value={row.companyId} />
          <button type="submit" name="intent" value="outreach" className="button">
            {t("uptake.reachConfirm")}
          </button>
        </Form>
      </ConfirmDialog>
    </>
  );
}

export function NotClaimedTable({ rows }: { rows: UptakeRow[] }) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  if (!rows.length) return <p className="muted">{t("uptake.everyone")}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("fields.company")}</th>
            <th scope="col">{t("uptake.manager")}</th>
            <th scope="col">{t("uptake.request")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.companyId}>
              <th scope="row" className="card-title">
                <Link to={`/desk/companies/${r.companyId}`}>
                  {pick(locale, r.nameEn, r.nameZh)}
                </Link>
              </th>
              <td data-label={t("uptake.manager")}>{r.manager ?? t("uptake.noManager")}</td>
              <td data-label={t("uptake.request")}>
                {r.outreachRef ? (
                  <Link to={`/desk/requests/${r.outreachRef}`}>
                    {t("uptake.opened", { ref: r.outreachRef })}
                  </Link>
                ) : (
                  <OutreachButton row={r} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClaimedTable({ rows }: { rows: UptakeRow[] }) {
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  if (!rows.length) return <p className="muted">{t("uptake.noClaims")}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("fields.company")}</th>
            <th scope="col">{t("fields.status")}</th>
            <th scope="col">{t("fields.awarded")}</th>
            <th scope="col">{t("fields.paid")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.companyId}>
              <th scope="row" className="card-title">
                <Link to={`/desk/claims/${r.claimId}`}>{pick(locale, r.nameEn, r.nameZh)}</Link>
              </th>
              <td data-label={t("fields.status")} className="card-inline card-key">
                <StatusBadge status={r.claimStatus ?? ""} />
                {r.automatic ? <span className="muted"> · {t("detail.automatic")}</span> : null}
              </td>
              <td data-label={t("fields.awarded")} className="card-inline">
                {money(r.awardedMinor)}
              </td>
              <td data-label={t("fields.paid")} className="card-inline">
                {money(r.paidMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
