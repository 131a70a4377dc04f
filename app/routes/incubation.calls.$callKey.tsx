import type { RouteHandle } from "~/i18n/client-strings";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/lib/form.server";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import { getUser, invariantFound, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import {
  getCall,
  lastWithdrawnApplication,
  liveApplication,
  startApplication,
} from "~/incubation/incubation.server";
import { ctxOf } from "~/incubation/route-helpers.server";
import { Paragraphs, useParkTime, usePick, PhaseBadge } from "~/incubation/ui";
import { callPhase } from "~/incubation/workflow";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/forms/idempotency.server";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["accounts", "incubation"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubation call · 孵化批次 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "A call for applications to an incubation programme of Zizhu High-Tech Park, Shanghai: dates, places and how to apply.",
    "上海紫竹高新区孵化项目申报批次：时间安排、名额与申报方式。",
  ),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const call = await getCall(db(), params.callKey ?? "");
  invariantFound(call);
  const user = await getUser(request);
  let applicationId: string | null = null;
  let withdrawnId: string | null = null;
  if (user?.company) {
    // The live application (a withdrawn one is only mentioned: the company may apply again).
    applicationId = (await liveApplication(db(), call.id, user.company.id))?.id ?? null;
    if (!applicationId)
      withdrawnId = (await lastWithdrawnApplication(db(), call.id, user.company.id))?.id ?? null;
  }
  return {
    call,
    phase: callPhase(call),
    signedIn: !!user,
    hasCompany: !!user?.company,
    canApply: !!user && can(user, "create:application:own"),
    applicationId,
    withdrawnId,
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const call = await getCall(db(), params.callKey ?? "");
  invariantFound(call);
  const form = await readForm(request);
  if (form.get("intent") !== "apply")
    return data({ error: "incubation:errors.refused" }, { status: 400 });
  if (!user.company)
    return redirect(
      `/company/new?redirectTo=${encodeURIComponent(`/incubation/calls/${call.slug}`)}`,
    );
  const result = await startApplication(db(), ctxOf(request, context, user), user.company, call.id);
  if (!result.ok)
    return data(
      { error: `incubation:errors.${result.error}` },
      { status: result.error === "notFound" ? 404 : 409 },
    );
  if (result.created)
    return redirectWithToast(`/applications/${result.id}/step/1`, {
      type: "success",
      key: "incubation:toast.started",
    });
  return redirect(`/applications/${result.id}`);
}

export default function CallPage() {
  const { call, phase, signedIn, hasCompany, applicationId, withdrawnId } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("incubation");
  const keyText = useKeyText();
  const pick = usePick();
  const time = useParkTime();
  const here = `/incubation/calls/${call.slug}`;
  return (
    <div className="container medium">
      <p>
        <Link to="/incubation">← {t("public.back")}</Link>
      </p>
      <header className="page-header">
        <p className="muted">{pick(call.programme_en, call.programme_zh)}</p>
        <h1>{pick(call.title_en, call.title_zh)}</h1>
        <p>
          <PhaseBadge phase={phase} />{" "}
          {phase === "closed"
            ? t("time.closed", { date: time(call.closes_at) })
            : t("time.closes", { date: time(call.closes_at) })}{" "}
          · {t("time.places", { count: call.places })}
        </p>
        <p className="muted">{t("time.zone")}</p>
      </header>
      {phase === "closed" ? (
        <p className="notice notice-warning">{t("public.closedNotice")}</p>
      ) : null}
      {phase === "upcoming" ? (
        <p className="notice">{t("public.upcomingNotice", { date: time(call.opens_at) })}</p>
      ) : null}
      {actionData?.error ? (
        <p className="notice notice-danger" role="alert">
          {keyText(actionData.error)}
        </p>
      ) : null}
      <div className="card stack">
        {withdrawnId && !applicationId ? (
          <p className="muted">
            {t("public.withdrawnBefore")}{" "}
            <Link to={`/applications/${withdrawnId}`}>{t("public.withdrawnLink")}</Link>
          </p>
        ) : null}
        {applicationId ? (
          <Link className="button" to={`/applications/${applicationId}`}>
            {t("public.resume")}
          </Link>
        ) : phase !== "open" ? null : !signedIn ? (
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(here)}`}>
            {t("public.signInToApply")}
          </Link>
        ) : !hasCompany ? (
          <>
            <p>{t("public.needCompany")}</p>
            <Link className="button" to={`/company/new?redirectTo=${encodeURIComponent(here)}`}>
              {t("public.createCompany")}
            </Link>
          </>
        ) : (
          <Form method="post">
            <IdempotencyKey />
            <input type="hidden" name="intent" value="apply" />
            <button type="submit" className="button">
              {withdrawnId ? t("public.applyAgain") : t("public.apply")}
            </button>
          </Form>
        )}
      </div>
      <section className="section">
        <h2>{t("public.eligibility")}</h2>
        <Paragraphs text={pick(call.eligibility_en, call.eligibility_zh)} />
      </section>
      <section>
        <h2>{t("public.whatWeAsk")}</h2>
        {[1, 2, 3, 4].map((step) => {
          const qs = call.questions.filter((q) => q.step === step);
          if (!qs.length) return null;
          return (
            <div key={step}>
              <h3>{t(`steps.${step as 1 | 2 | 3 | 4}`)}</h3>
              <ul>
                {qs.map((q) => (
                  <li key={q.key}>
                    {pick(q.labelEn, q.labelZh)}{" "}
                    <span className="muted">
                      ({q.required ? t("public.required") : t("public.optional")})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>
      <section>
        <h2>{t("public.documents")}</h2>
        <ul>
          {call.documents.map((d) => (
            <li key={d.key}>
              {pick(d.labelEn, d.labelZh)}{" "}
              <span className="muted">
                ({d.required ? t("public.required") : t("public.optional")})
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t("public.rubric")}</h2>
        <ul>
          {call.rubric.map((c) => (
            <li key={c.key}>
              {pick(c.labelEn, c.labelZh)}{" "}
              <span className="muted">({t("public.weight", { weight: String(c.weight) })})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
