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
import { claimFormFor, submitClaimWithFiles } from "~/policies/claim-pages.server";
import { readClaimForm } from "~/policies/claim-form.server";
import { claimSchema } from "~/policies/claim-schema";
import { claimRef, FactsList } from "~/policies/claim-ui";
import { BenefitText, WindowText } from "~/policies/ui";
import { ClaimForm } from "./claim-form";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Claim a policy · 申领政策 | Zizhu Park Portal") },
];

/** Any member of a company sees the form's facts; only an owner can send it (the action). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:policy_claim:own");
  if (!user.company) forbidden();
  const found = await claimFormFor(db(), user.company.id, params.policyId ?? "");
  invariantFound(found);
  return { ...found, owner: user.company.role === "owner" };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:policy_claim:own");
  if (!user.company) forbidden();
  const found = await claimFormFor(db(), user.company.id, params.policyId ?? "");
  invariantFound(found);
  const read = await readClaimForm(request);
  if ("refused" in read)
    return data(
      { status: "error" as const, error: { "": [read.refused] } },
      { status: read.refused === "claims:errors.file" ? 413 : 400 },
    );
  const submission = parseForm(read.form, { schema: claimSchema });
  const given = new Set(read.uploads.map((u) => u.docKey));
  const missing = Object.fromEntries(
    found.documents
      .filter((d) => !given.has(d.key))
      .map((d) => [`doc_${d.key}`, ["claims:errors.document"]]),
  );
  if (submission.status !== "success")
    return data(submission.reply({ fieldErrors: missing }), { status: 400 });
  if (Object.keys(missing).length)
    return data(submission.reply({ fieldErrors: missing }), { status: 422 });
  const result = await submitClaimWithFiles(db(), user, found.policy.id, {
    statement: submission.value.statement ?? "",
    requestedYuan: submission.value.requested,
    uploads: read.uploads.filter((u) => found.documents.some((d) => d.key === u.docKey)),
  });
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    const reply =
      result.error === "file"
        ? submission.reply({ fieldErrors: { [`doc_${result.docKey}`]: ["claims:errors.file"] } })
        : result.error === "documents"
          ? submission.reply({ fieldErrors: missing })
          : submission.reply({ formErrors: [`claims:errors.${result.error}`] });
    return data(reply, { status: statusOf(result) });
  }
  return redirectWithToast(`/company/claims/${result.id}`, {
    type: "success",
    key: "claims:toast.submitted",
    values: { ref: claimRef(result.id) },
  });
}

export default function NewClaim() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const p = d.policy;
  const title = pick(locale, p.title_en, p.title_zh);
  const blocked =
    d.state === "claimed" ? (
      <p>
        {t("new.claimed")} <Link to={`/company/claims/${d.liveClaimId}`}>{t("new.seeClaim")}</Link>
      </p>
    ) : d.state === "auto" ? (
      <p>{t("new.auto")}</p>
    ) : d.state === "closed" ? (
      <p>{t("new.closed")}</p>
    ) : d.state === "notEligible" ? (
      <>
        <p>{t("new.notEligible")}</p>
        <p className="policy-missing">{t("new.missing")}</p>
        <ul>
          {(locale === "zh-CN" ? d.missingZh : d.missingEn).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </>
    ) : !d.owner ? (
      <p>{t("new.ownerOnly")}</p>
    ) : null;
  return (
    <div className="container medium stack">
      <p>
        <Link to="/company/policies">← {t("new.back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("new.title", { title })}</h1>
        <p className="muted">
          <Link to={`/park/policies/${p.id}`}>{title}</Link> ·{" "}
          <WindowText window={d.window} opensOn={p.opens_on} deadline={p.deadline} />
          {p.benefit_kind !== "none" ? " · " : ""}
          <BenefitText
            kind={p.benefit_kind}
            maxMinor={p.benefit_max_minor}
            rate={p.benefit_rate}
            locale={locale}
          />
        </p>
        {blocked ? null : <p className="lead">{t("new.lead")}</p>}
      </header>
      {blocked ? <div className="notice notice-warning">{blocked}</div> : null}
      {d.facts ? (
        <section className="card" aria-labelledby="claim-facts">
          <h2 id="claim-facts">{t("new.facts")}</h2>
          <FactsList facts={d.facts} />
          <p className="muted">
            {t("new.factsHint")}{" "}
            {d.owner ? <Link to="/company/file">{t("new.editFile")}</Link> : null}
          </p>
        </section>
      ) : null}
      {blocked ? null : (
        <ClaimForm documents={d.documents} maxMinor={p.benefit_max_minor} lastResult={lastResult} />
      )}
    </div>
  );
}
