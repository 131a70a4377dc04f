import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { myIncubatees } from "~/incubation/mentors.server";
import { usePick } from "~/incubation/ui";
import { formatDate } from "~/lib/format";
import { pageTitle } from "~/lib/page-title";
import { useLocale } from "~/lib/root-data";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "My incubatees · 我辅导的企业 | Zizhu Park Portal") },
];

/** A mentor's incubatees (ADR 0049). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:incubatee:assigned");
  return { incubatees: await myIncubatees(db(), user.id) };
}

export default function Mentoring() {
  const { incubatees } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const { t: td } = useTranslation("desk");
  const pick = usePick();
  const locale = useLocale();
  return (
    <div className="container medium stack">
      <header className="page-header">
        <h1>{td("mentors.my.title")}</h1>
        <p className="lead">{td("mentors.my.lead")}</p>
      </header>
      {incubatees.length ? (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {incubatees.map((i) => (
            <li key={i.application_id} className="card stack" data-testid="mentee">
              <h2>
                <Link to={`/mentoring/${i.application_id}`}>
                  {pick(i.company_en, i.company_zh)}
                </Link>
              </h2>
              <p className="muted">
                {pick(i.programme_en, i.programme_zh)} · {formatDate(i.start_date, locale)} –{" "}
                {formatDate(i.planned_end_date, locale)}
                {i.outcome ? ` · ${t(`cohort.outcome.${i.outcome as "graduated"}`)}` : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{td("mentors.my.empty")}</p>
      )}
    </div>
  );
}
