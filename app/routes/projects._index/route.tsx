import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { useTranslation } from "~/i18n/use-translation";
import { investorProjects } from "~/projects/investor.server";
import { InvestorStage } from "~/projects/investor-ui";

export const meta: MetaFunction = () => [{ title: "My projects · 我的项目 | Zizhu Park Portal" }];

/** The signed-in investor's projects (those their account is linked to); none is an empty list. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { projects: await investorProjects(db(), user.id) };
}

export default function MyProjects() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation("investor");
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("list.title")}</h1>
        <p className="muted">{t("list.lead")}</p>
      </header>
      {projects.length ? (
        <ul className="investor-projects">
          {projects.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/projects/${p.id}`}>{p.organisation}</Link>
              </h2>
              <p className="muted">{p.reference}</p>
              <InvestorStage stage={p.stage} compact />
              {p.next_step ? (
                <p>
                  <strong>{t("detail.nextStep")}:</strong> {p.next_step}
                  {p.next_step_due ? (
                    <span className="muted"> · {t("detail.due", { date: p.next_step_due })}</span>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="card muted">{t("list.empty")}</p>
      )}
    </div>
  );
}
