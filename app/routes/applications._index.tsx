import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { listApplicationsForCompany } from "~/incubation/incubation.server";
import { ApplicantMessages, StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import { isEditable } from "~/incubation/workflow";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "My applications · 我的申请 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.company) return { hasCompany: false as const, applications: [] };
  return {
    hasCompany: true as const,
    applications: await listApplicationsForCompany(db(), user.company.id),
  };
}

export default function Applications() {
  const { hasCompany, applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();
  return (
    <div className="container medium">
      <header className="page-header">
        <h1>{t("dashboard.title")}</h1>
        <p className="lead">{t("dashboard.lead")}</p>
      </header>
      {!hasCompany ? (
        <div className="card stack">
          <p>{t("dashboard.noCompany")}</p>
          <Link
            className="button"
            to={`/company/new?redirectTo=${encodeURIComponent("/incubation")}`}
          >
            {t("public.createCompany")}
          </Link>
        </div>
      ) : !applications.length ? (
        <div className="card stack">
          <p>{t("dashboard.empty")}</p>
          <Link className="button" to="/incubation">
            {t("dashboard.browse")}
          </Link>
        </div>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {applications.map((a) => (
            <li key={a.id} className="card stack">
              <div className="spread">
                <h2>
                  <Link to={`/applications/${a.id}`}>{pick(a.title_en, a.title_zh)}</Link>
                </h2>
                <StatusBadge status={a.status} />
              </div>
              <p>
                <strong>{t("dashboard.nextStep")}:</strong> {t(`next.${a.status}`)}
              </p>
              {a.status === "draft" ? (
                <p className="muted">{t("time.closes", { date: time(a.closes_at) })}</p>
              ) : null}
              <details>
                <summary>
                  {t("dashboard.messages")} ({a.messages.length})
                </summary>
                <ApplicantMessages messages={a.messages} />
              </details>
              <p>
                <Link
                  className="button button-small"
                  to={
                    isEditable(a.status) ? `/applications/${a.id}/step/1` : `/applications/${a.id}`
                  }
                >
                  {isEditable(a.status) ? t("dashboard.continue") : t("dashboard.open")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
