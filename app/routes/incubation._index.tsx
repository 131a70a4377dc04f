import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { db } from "~/db.server";
import { listPublicProgrammes } from "~/incubation/incubation.server";
import { useParkTime, usePick } from "~/incubation/hooks";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["incubation"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Incubation · 孵化项目 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Incubation programmes of Zizhu High-Tech Park, Shanghai: open and upcoming calls, and how to apply.",
    "上海紫竹高新区孵化项目：开放与即将开放的批次及申报方式。",
  ),
];

export async function loader(_: LoaderFunctionArgs) {
  return { programmes: await listPublicProgrammes(db()) };
}

export default function IncubationIndex() {
  const { programmes } = useLoaderData<typeof loader>();
  const { t } = useTranslation("incubation");
  const pick = usePick();
  const time = useParkTime();
  const anyCall = programmes.some((p) => p.calls.length);
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("public.title")}</h1>
        <p className="lead">{t("public.lead")}</p>
      </header>
      {!anyCall ? <p className="notice">{t("public.noCalls")}</p> : null}
      <div className="stack">
        {programmes.map((p) => (
          <section key={p.id} className="card" aria-labelledby={`programme-${p.id}`}>
            <h2 id={`programme-${p.id}`}>{pick(p.name_en, p.name_zh)}</h2>
            <p className="muted">{pick(p.summary_en, p.summary_zh)}</p>
            {p.calls.length ? (
              <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
                {p.calls.map((c) => (
                  <li key={c.id} className="spread">
                    <div>
                      <Link to={`/incubation/calls/${c.slug}`}>{pick(c.title_en, c.title_zh)}</Link>{" "}
                      <span
                        className={
                          c.phase === "open"
                            ? "badge badge-success"
                            : c.phase === "upcoming"
                              ? "badge"
                              : "badge badge-muted"
                        }
                      >
                        {t(`phase.${c.phase}`)}
                      </span>
                      <div className="muted">
                        {c.phase === "upcoming"
                          ? `${t("time.opens", { date: time(c.opens_at) })} · ${t("time.closes", { date: time(c.closes_at) })}`
                          : c.phase === "open"
                            ? t("time.closes", { date: time(c.closes_at) })
                            : t("time.closed", { date: time(c.closes_at) })}
                        {" · "}
                        {t("time.places", { count: c.places })}
                      </div>
                    </div>
                    <Link
                      className="button button-secondary button-small"
                      to={`/incubation/calls/${c.slug}`}
                    >
                      {t("public.viewCall")}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("public.noCalls")}</p>
            )}
          </section>
        ))}
      </div>
      <p className="muted">{t("time.zone")}</p>
    </div>
  );
}
