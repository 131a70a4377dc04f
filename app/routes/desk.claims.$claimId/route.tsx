import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { claimExtras, claimRecord, stagesOf } from "~/policies/claim-pages.server";
import {
  claimRef,
  DocumentList,
  FactsList,
  HistoryList,
  PaymentTable,
  Progress,
  StatusBadge,
  useMoney,
} from "~/policies/claim-ui";
import { claimPayee } from "~/policies/awards.server";
import { getClaimForStaff } from "~/policies/claims.server";
import { PayeeDetails } from "~/policies/payee-ui";
import { StaffActions } from "./actions";
import { isStaffIntent, runStaffIntent, type StaffReply } from "./intents.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy claim · 政策申领 | Zizhu Park Portal") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const claim = await getClaimForStaff(db(), user, params.claimId ?? "");
  invariantFound(claim);
  const { stages, ...rest } = claim;
  return {
    claim: { ...rest, stages: stagesOf({ stages }) },
    record: await claimRecord(db(), claim.id, { names: true }),
    extras: await claimExtras(db(), claim),
    payee: await claimPayee(db(), claim.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:policy:any");
  const claim = await getClaimForStaff(db(), user, params.claimId ?? "");
  invariantFound(claim);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (!isStaffIntent(intent))
    return data<StaffReply>({ intent: "none", result: null }, { status: 400 });
  return runStaffIntent(intent, { user, claimId: claim.id, form });
}

export default function DeskClaim() {
  const { claim: c, record, extras, payee } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  return (
    <div className="container stack">
      <p>
        <Link to="/desk/claims">← {t("desk.back")}</Link>
      </p>
      <header className="page-header">
        <h1>
          {t("detail.title", { ref: claimRef(c.id) })} · {pick(locale, c.name_en, c.name_zh)}
        </h1>
        <p className="lead">
          <Link to={`/desk/policies/${c.policy_id}`}>{pick(locale, c.title_en, c.title_zh)}</Link>
          {" · "}
          <Link to={`/desk/companies/${c.company_id}`}>{pick(locale, c.name_en, c.name_zh)}</Link>
        </p>
      </header>
      <div className="sr-layout">
        <div className="stack">
          <section className="card stack" aria-labelledby="claim-state">
            <h2 id="claim-state">{t("detail.progress")}</h2>
            <p>
              <StatusBadge status={c.status} />
              {c.automatic ? <span className="muted"> · {t("detail.automatic")}</span> : null}
            </p>
            <Progress stages={c.stages} stage={c.stage} status={c.status} />
            <dl className="details">
              <dt>{t("fields.requested")}</dt>
              <dd>{money(c.requested_minor)}</dd>
              <dt>{t("fields.awarded")}</dt>
              <dd>{money(c.awarded_minor)}</dd>
              <dt>{t("fields.paid")}</dt>
              <dd>{money(record.paidMinor)}</dd>
              {c.reason ? (
                <>
                  <dt>{t("detail.reason")}</dt>
                  <dd className="claim-note">{c.reason}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <StaffActions
            claim={c}
            paidMinor={record.paidMinor}
            maxMinor={extras.maxMinor}
            reply={reply}
          />
          <section className="card stack" aria-labelledby="claim-docs">
            <h2 id="claim-docs">{t("detail.documents")}</h2>
            <DocumentList documents={record.documents} required={extras.required} />
            <h3>{t("detail.statement")}</h3>
            <p className="claim-note">{c.statement || t("detail.noStatement")}</p>
          </section>
          <section className="card stack" aria-labelledby="claim-facts">
            <h2 id="claim-facts">{t("detail.asSent")}</h2>
            <FactsList facts={extras.facts} />
          </section>
          <section className="card stack" aria-labelledby="claim-payments">
            <h2 id="claim-payments">{t("detail.payments")}</h2>
            <PaymentTable payments={record.payments} />
            <h3>{t("payee.title")}</h3>
            <PayeeDetails payee={payee} />
          </section>
        </div>
        <aside className="card stack" aria-labelledby="claim-history">
          <h2 id="claim-history">{t("detail.history")}</h2>
          <HistoryList events={record.events} stages={c.stages} />
        </aside>
      </div>
    </div>
  );
}
