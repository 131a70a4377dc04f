import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";
import { describeCriterion, shanghaiDay } from "~/policies/criteria";
import { listLibrary, policyCriteria, policyWindow } from "~/policies/policies.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Policy library · 政策库 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:policy:any");
  const today = shanghaiDay(new Date());
  const rows = await listLibrary(db());
  return {
    policies: rows.map(({ criteria, ...p }) => ({
      ...p,
      window: policyWindow(p, today),
      criteria: policyCriteria({ criteria }) ?? [],
    })),
  };
}

export default function DeskPolicies() {
  const { policies } = useLoaderData<typeof loader>();
  const { t } = useTranslation("policies");
  const locale = useLocale();
  return (
    <div className="container">
      <header className="page-header spread">
        <div>
          <h1>{t("desk.title")}</h1>
          <p className="lead">{t("desk.lead")}</p>
        </div>
        <Link className="button" to="/desk/policies/new">
          {t("desk.new")}
        </Link>
      </header>
      {policies.length === 0 ? <p className="notice">{t("desk.empty")}</p> : null}
      <ul className="stack park-list">
        {policies.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <Link to={`/desk/policies/${p.id}`}>{pick(locale, p.title_en, p.title_zh)}</Link>
            </h2>
            <p className="muted">
              <span
                className={`badge ${p.status === "published" ? "badge-success" : "badge-muted"}`}
              >
                {t(`desk.status.${p.status as "draft" | "published"}`)}
              </span>{" "}
              {t(`public.${p.window}`)}
              {p.deadline ? ` · ${t("public.closes", { date: p.deadline })}` : ""}
              {p.auto_award ? ` · ${t("desk.auto")}` : ""}
              {` · ${t("desk.claims")}: ${p.claims ?? 0}`}
            </p>
            <p>
              {p.criteria.length
                ? p.criteria.map((c) => describeCriterion(c, locale)).join("; ")
                : t("desk.noCriteria")}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
