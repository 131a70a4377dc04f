import type { RouteHandle } from "~/i18n/client-strings";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { getUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { detectLocale } from "~/i18n/locale.server";
import { listSpaces } from "~/park/park.server";
import { ParkNav } from "~/park/ui";
import { pageDescription, pageTitle } from "~/lib/page-title";

/** The strings this page uses besides common (ADR 0057). */
export const handle: RouteHandle = { i18n: ["park"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Space · 载体空间 | Zizhu Park Portal") },
  pageDescription(
    matches,
    "Offices, labs and industrial space available now in Zizhu High-Tech Park, with area, price and dates.",
    "紫竹高新区现可租用的办公、实验室与厂房空间：面积、价格与可入驻时间。",
  ),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { locale: detectLocale(request, user?.locale), spaces: await listSpaces(db()) };
}

export default function Spaces() {
  const { locale, spaces } = useLoaderData<typeof loader>();
  const { t } = useTranslation("park");
  const zh = locale === "zh-CN";
  return (
    <div className="container">
      <header className="page-header">
        <h1>{t("space.title")}</h1>
        <p className="lead">{t("space.lead")}</p>
      </header>
      <ParkNav />
      {spaces.length === 0 ? <p className="notice">{t("space.empty")}</p> : null}
      <ul className="card-grid park-list">
        {spaces.map((s) => (
          <li key={s.id} className="card">
            {s.photo_file_id ? (
              <img
                src={`/news/media/${s.photo_file_id}`}
                alt={(zh ? s.photo_alt_zh : s.photo_alt_en) ?? ""}
                width={s.photo_width ?? undefined}
                height={s.photo_height ?? undefined}
                className="park-photo"
              />
            ) : null}
            <p className="muted">
              {t(`space.kind.${s.kind as "office"}`)} ·{" "}
              <span
                className={`badge${s.availability === "available" ? " badge-success" : s.availability === "limited" ? " badge-warning" : " badge-muted"}`}
              >
                {t(`space.availability.${s.availability as "available"}`)}
              </span>
            </p>
            <h2>{zh ? s.name_zh : s.name_en}</h2>
            <p>{zh ? s.description_zh : s.description_en}</p>
            <dl className="admin-kv">
              <dt>{t("space.area")}</dt>
              <dd>
                {s.area_min_m2
                  ? t("space.areaValue", {
                      min: String(s.area_min_m2),
                      max: String(s.area_max_m2 ?? s.area_min_m2),
                    })
                  : t("space.onRequest")}
              </dd>
              <dt>{t("space.price")}</dt>
              <dd>
                {s.price_min
                  ? t("space.priceValue", {
                      min: String(s.price_min),
                      max: String(s.price_max ?? s.price_min),
                    })
                  : t("space.onRequest")}
              </dd>
            </dl>
            <Link to="/contact?interest=space">{t("space.ask")}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
