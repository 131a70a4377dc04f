import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { listIndustries } from "~/park/park.server";
import { ParkNav } from "~/park/ui";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Industries · 产业集群 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "The industries Zizhu High-Tech Park builds on: technology services, university-linked research, leading technology companies and incubated start-ups.",
    "紫竹高新区的产业方向：技术服务与服务出口、校地协同研发、科技领军企业与孵化初创企业。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { locale: detectLocale(request, user?.locale), industries: await listIndustries(db()) };
}

export default function Industries() {
  const { locale, industries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const zh = locale === "zh-CN";
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("industries.title")}</h1>
        <p className="lead">{t("industries.lead")}</p>
      </header>
      <ParkNav />
      {industries.length === 0 ? <p className="notice">{t("industries.empty")}</p> : null}
      <ul className="card-grid park-list">
        {industries.map((i) => (
          <li key={i.id} className="card">
            <h2>{zh ? i.name_zh : i.name_en}</h2>
            <p>{zh ? i.summary_zh : i.summary_en}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
