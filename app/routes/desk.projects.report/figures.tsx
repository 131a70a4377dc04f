/** Which report figures show on the public invest page: each with its value and a toggle. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import { figureText, type FigureValue } from "~/projects/report";

export function PublicFigures({
  figures,
  canChange,
}: {
  figures: (FigureValue & { public: boolean })[];
  canChange: boolean;
}) {
  const { t } = useTranslation("projects");
  const locale = useLocale();
  return (
    <section className="section card" aria-labelledby="report-figures">
      <h2 id="report-figures">{t("report.figures.title")}</h2>
      <p className="muted">{t("report.figures.lead")}</p>
      <div className="table-wrap">
        <table className="table table-cards" data-testid="public-figures">
          <thead>
            <tr>
              <th scope="col">{t("report.figures.figure")}</th>
              <th scope="col">{t("report.figures.value")}</th>
              <th scope="col">{t("report.figures.status")}</th>
              {canChange ? (
                <th scope="col">
                  <span className="visually-hidden">{t("report.figures.publish")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => {
              const label = t(`report.figures.${f.figure}`, { year: f.year });
              return (
                <tr key={f.figure}>
                  <th scope="row">{label}</th>
                  <td data-label={t("report.figures.value")}>{figureText(f, locale)}</td>
                  <td data-label={t("report.figures.status")}>
                    {f.public ? t("report.figures.public") : t("report.figures.notPublic")}
                  </td>
                  {canChange ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="figure" value={f.figure} />
                        <input type="hidden" name="public" value={f.public ? "false" : "true"} />
                        <button
                          type="submit"
                          className="button button-secondary"
                          aria-label={`${f.public ? t("report.figures.withdraw") : t("report.figures.publish")}: ${label}`}
                        >
                          {f.public ? t("report.figures.withdraw") : t("report.figures.publish")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="report-csv">
        <Link to="/park/invest">{t("report.figures.view")}</Link>
      </p>
    </section>
  );
}
