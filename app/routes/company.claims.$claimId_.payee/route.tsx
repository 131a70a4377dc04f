/**
 * A company confirms the payee of an award without applying or an approved claim (ADR 0048):
 * account name, bank and account number, with the owner's confirmation. Owners only post;
 * another company's claim is a 404. Open while the claim is approved and nothing is paid yet.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, invariantFound, requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { parseForm, readForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { redirectWithToast } from "~/lib/toast.server";
import { claimPayee, confirmPayee } from "~/policies/awards.server";
import { payeeSchema } from "~/policies/claim-schema";
import { claimRef, useMoney } from "~/policies/claim-ui";
import { getCompanyClaim } from "~/policies/claims.server";
import { PayeeForm } from "./payee-form";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Payment details · 收款信息 | Zizhu Park Portal") },
];

async function load(request: Request, claimId: string | undefined) {
  const user = await requirePermission(request, "read:policy_claim:own");
  if (!user.company) forbidden();
  const claim = await getCompanyClaim(db(), user, claimId ?? "");
  invariantFound(claim);
  return { user, claim, company: user.company };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claim, company } = await load(request, params.claimId);
  const [payee, paid] = await Promise.all([
    claimPayee(db(), claim.id),
    db().selectFrom("policy_payment").select("id").where("claim_id", "=", claim.id).execute(),
  ]);
  return {
    claim: {
      id: claim.id,
      version: claim.version,
      title_en: claim.title_en,
      title_zh: claim.title_zh,
      awarded_minor: claim.awarded_minor,
      name_en: claim.name_en,
      name_zh: claim.name_zh,
    },
    payee,
    open: claim.status === "approved" && paid.length === 0,
    owner: company.role === "owner",
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params }: ActionFunctionArgs) {
  const { user, claim, company } = await load(request, params.claimId);
  if (company.role !== "owner") forbidden();
  const submission = parseForm(await readForm(request), { schema: payeeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const result = await confirmPayee(db(), user, claim.id, v.version, v);
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return data(submission.reply({ formErrors: [`claims:errors.${result.error}`] }), {
      status: statusOf(result),
    });
  }
  return redirectWithToast(`/company/claims/${claim.id}`, {
    type: "success",
    key: "claims:payee.saved",
  });
}

export default function ClaimPayee() {
  const { claim: c, payee, open, owner } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("claims");
  const locale = useLocale();
  const money = useMoney();
  const ref = claimRef(c.id);
  return (
    <div className="container stack">
      <p>
        <Link to={`/company/claims/${c.id}`}>← {t("detail.title", { ref })}</Link>
      </p>
      <header className="page-header">
        <h1>{t("payee.pageTitle", { ref })}</h1>
        <p className="lead">
          {pick(locale, c.title_en, c.title_zh)} · {money(c.awarded_minor)}
        </p>
      </header>
      {payee ? (
        <p className="notice">
          {t("payee.confirmedOn", { date: payee.confirmed_at.slice(0, 10) })}
        </p>
      ) : null}
      {!open ? (
        <p className="muted">{t("payee.closed")}</p>
      ) : !owner ? (
        <p className="muted">{t("payee.ownerOnly")}</p>
      ) : (
        <section className="card stack" aria-labelledby="payee-form">
          <h2 id="payee-form">{t("payee.title")}</h2>
          <p className="muted">{t("payee.lead")}</p>
          <PayeeForm
            key={c.version}
            version={c.version}
            lastResult={lastResult}
            defaults={{
              accountName: payee?.account_name ?? pick(locale, c.name_en, c.name_zh),
              bankName: payee?.bank_name ?? "",
              accountNumber: payee?.account_number ?? "",
            }}
          />
        </section>
      )}
    </div>
  );
}
