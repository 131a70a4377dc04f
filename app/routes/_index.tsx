import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [
  { title: "Zizhu High-Tech Park Portal · 紫竹高新区门户" },
  { name: "description", content: "News, facts, incubation and services of Zizhu High-Tech Park, Shanghai." },
];

export default function Index() {
  const { t } = useTranslation();
  const root = useRootData();
  return (
    <>
      <section className="hero">
        <div className="container">
          {root?.user ? <p>{t("home.welcome", { name: root.user.name })}</p> : null}
          <h1>{t("home.title")}</h1>
          <p className="lead">{t("home.lead")}</p>
          <div className="row">
            <Link className="button" to="/incubation">
              {t("home.ctaApply")}
            </Link>
            <Link className="button button-secondary" to="/services">
              {t("home.ctaServices")}
            </Link>
            {!root?.user ? (
              <Link className="button button-secondary" to="/signup">
                {t("home.ctaAccount")}
              </Link>
            ) : null}
          </div>
        </div>
      </section>
      <section className="section">
        <div className="container">
          <h2>{t("home.facts")}</h2>
          <div className="card-grid">
            <div className="card">
              <p className="stat">11</p>
              <p className="muted">{t("home.factRank")}</p>
            </div>
            <div className="card">
              <p className="stat">7</p>
              <p className="muted">{t("home.factIntl")}</p>
            </div>
            <div className="card">
              <p className="stat">4</p>
              <p className="muted">{t("home.factSustain")}</p>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
