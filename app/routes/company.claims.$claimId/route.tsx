import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import {
  claimExtras,
  claimRecord,
  openRequest,
  resubmitWithFiles,
  stagesOf,
} from "~/policies/claim-pages.server";
import { readClaimForm } from "~/policies/claim-form.server";
import { answerSchema } from "~/policies/claim-schema";
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
import { getCompanyClaim } from "~/policies/claims.server";
import { PayeeCard } from "~/policies/payee-ui";
import { AnswerForm } from "./answer-form";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy claim · 政策申领 | Zizhu Park Portal") },
];

/** A claim as its company sees it; another company's (or a missing) claim is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:policy_claim:own");
  if (!user.company) forbidden();
  const claim = await getCompanyClaim(db(), user, params.claimId ?? "");
  invariantFound(claim);
  const { stages, ...rest } = claim;
  const record = await claimRecord(db(), claim.id, { names: false });
  return {
    claim: { ...rest, stages: stagesOf({ stages }) },
    record,
    // What the park asked, worked out here: claim-pages.server is not in the browser build.
    asked: claim.status === "info_requested" ? openRequest(record.events) : null,
    extras: await claimExtras(db(), claim),
    owner: user.company.role === "owner",
    payee: await claimPayee(db(), claim.id),
    payeeOpen: claim.status === "approved" && record.payments.length === 0,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:policy_claim:own");
  if (!user.company) forbidden();
  const claim = await getCompanyClaim(db(), user, params.claimId ?? "");
  invariantFound(claim);
  if (user.company.role !== "owner") forbidden();
  const read = await readClaimForm(request);
  if ("refused" in read)
    return data(
      { status: "error" as const, error: { files: [read.refused] } },
      { status: read.refused === "claims:errors.file" ? 413 : 400 },
    );
  const submission = parseForm(read.form, { schema: answerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await resubmitWithFiles(db(), user, claim.id, submission.value.version, {
    statement: submission.value.statement,
    uploads: read.uploads.filter((u) => u.docKey === "more"),
  });
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    const reply =
      result.error === "file"
        ? submission.reply({ fieldErrors: { files: ["claims:errors.file"] } })
        : submission.reply({ formErrors: [`claims:errors.${result.error}`] });
    return data(reply, { status: statusOf(result) });
  }
  return redirectWithToast(`/company/claims/${claim.id}`, {
    type: "success",
    key: "claims:toast.resubmitted",
  });
}

export default function CompanyClaim() {
  const {
    claim: c,
    record,
    extras,
    owner,
    asked,
    payee,
    payeeOpen,
  } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  return (
    <div className="container stack">
      <p>
        <Link to="/company/claims">← {t("detail.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("detail.title", { ref: claimRef(c.id) })}</h1>
        <p className="lead">
          <Link to={`/park/policies/${c.policy_id}`}>{pick(locale, c.title_en, c.title_zh)}</Link>
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
          {asked !== null ? (
            <section className="card notice-warning stack" aria-labelledby="claim-asked">
              <h2 id="claim-asked">{t("detail.asked")}</h2>
              <p className="claim-note">{asked}</p>
              {owner ? (
                <AnswerForm key={c.version} version={c.version} lastResult={lastResult} />
              ) : (
                <p className="muted">{t("new.ownerOnly")}</p>
              )}
            </section>
          ) : null}
          <PayeeCard claimId={c.id} payee={payee} open={payeeOpen} owner={owner} />
          <section className="card stack" aria-labelledby="claim-payments">
            <h2 id="claim-payments">{t("detail.payments")}</h2>
            <PaymentTable payments={record.payments} />
          </section>
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
        </div>
        <aside className="card stack" aria-labelledby="claim-history">
          <h2 id="claim-history">{t("detail.history")}</h2>
          <HistoryList events={record.events} stages={c.stages} />
        </aside>
      </div>
    </div>
  );
}
