import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { listInvestSteps } from "~/park/park.server";
import { publicFigures } from "~/projects/public-figures.server";
import { figureText } from "~/projects/report";
import { ParkNav } from "~/park/ui";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "How to invest · 投资指南 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "How to invest in Zizhu High-Tech Park: the steps from first contact to moving in, and who helps.",
    "如何投资紫竹高新区：从首次接洽到入驻的各个步骤及对接团队。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    locale: detectLocale(request, user?.locale),
    steps: await listInvestSteps(db()),
    figures: await publicFigures(db()),
  };
}

export default function Invest() {
  const { locale, steps, figures } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const zh = locale === "zh-CN";
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("invest.title")}</h1>
        <p className="lead">{t("invest.lead")}</p>
      </header>
      <ParkNav />
      {figures.length ? (
        <section className="section" aria-labelledby="invest-figures">
          <h2 id="invest-figures">{t("invest.figures")}</h2>
          <dl className="invest-figures" data-testid="invest-figures">
            {figures.map((f) => (
              <div key={f.figure} className="card">
                <dt>
                  {f.figure === "projects_landed"
                    ? t("invest.figure.projects_landed")
                    : t(`invest.figure.${f.figure}`, { year: String(f.year) })}
                </dt>
                <dd>{figureText(f, locale)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t("invest.figuresNote")}</p>
        </section>
      ) : null}
      {steps.length === 0 ? <p className="notice">{t("invest.empty")}</p> : null}
      <ol className="stack park-steps">
        {steps.map((s) => (
          <li key={s.id} className="card">
            <h2>{zh ? s.title_zh : s.title_en}</h2>
            <p>{zh ? s.body_zh : s.body_en}</p>
            <dl className="admin-kv">
              {(zh ? s.documents_zh : s.documents_en) ? (
                <>
                  <dt>{t("invest.documents")}</dt>
                  <dd>{zh ? s.documents_zh : s.documents_en}</dd>
                </>
              ) : null}
              {(zh ? s.duration_zh : s.duration_en) ? (
                <>
                  <dt>{t("invest.duration")}</dt>
                  <dd>{zh ? s.duration_zh : s.duration_en}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
      <p>
        <Link to="/contact?interest=investment" className="button">
          {t("invest.cta")}
        </Link>
      </p>
    </div>
  );
}
