import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { listAssignments } from "~/incubation/incubation.server";
import { StatusBadge, useParkTime, usePick } from "~/incubation/ui";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "My reviews · 我的评审 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:application:assigned");
  return { assignments: await listAssignments(db(), user.id) };
}

export default function ReviewIndex() {
  const { assignments } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const { t: tDesk } = useTranslation("desk");
  const pick = usePick();
  const time = useParkTime();
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("review.title")}</h1>
        <p className="lead">{t("review.lead")}</p>
      </header>
      {assignments.length ? (
        <div className="table-wrap">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{tDesk("incubation.callDesk.company")}</th>
                <th>{t("public.programme")}</th>
                <th>{tDesk("incubation.callDesk.status")}</th>
                <th>{t("review.scored")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <td className="card-title">
                    <Link to={`/review/${a.id}`}>{pick(a.name_en, a.name_zh)}</Link>
                  </td>
                  <td data-label={t("public.programme")}>{pick(a.title_en, a.title_zh)}</td>
                  <td className="card-inline card-first">
                    <StatusBadge status={a.status} />
                  </td>
                  <td className="card-inline card-key" data-label={t("review.scored")}>
                    {a.submitted_at ? (
                      time(a.submitted_at)
                    ) : (
                      <span className="badge badge-warning">{t("review.toScore")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("review.empty")}</p>
      )}
    </div>
  );
}
