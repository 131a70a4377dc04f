/** A report's figures against its last period, changes marked (issue 14): staff review and the company's locked view. */
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { useLocale } from "~/lib/root-data";
import type { Figures, FormDefinition } from "./forms";
import { useFigureText } from "./ui";

export function FiguresTable({
  definition,
  figures,
  explanations,
  last,
  lastLabel,
  comments,
}: {
  definition: FormDefinition;
  figures: Figures;
  explanations: Record<string, string>;
  last: Figures | null;
  lastLabel: string | null;
  comments?: Record<string, string>;
}) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  const text = useFigureText();
  return (
    <div className="table-wrap">
      <table className="table table-cards" id="report-figures">
        <thead>
          <tr>
            <th scope="col">{t("review.field")}</th>
            <th scope="col">{t("review.value")}</th>
            <th scope="col">
              {lastLabel ? t("review.last", { label: lastLabel }) : t("review.noLast")}
            </th>
          </tr>
        </thead>
        <tbody>
          {definition.fields.map((f) => {
            const changed = last !== null && f.key in figures && figures[f.key] !== last[f.key];
            return (
              <tr key={f.key} id={`figure-${f.key}`}>
                <th scope="row">{pick(locale, f.labelEn, f.labelZh)}</th>
                <td data-label={t("review.value")}>
                  {text(f, figures[f.key])}{" "}
                  {changed ? (
                    <span className="badge badge-warning">{t("review.changed")}</span>
                  ) : null}
                  {explanations[f.key] ? (
                    <p className="muted pre-line">
                      {t("review.explanation", { text: explanations[f.key] })}
                    </p>
                  ) : null}
                  {comments?.[f.key] ? (
                    <p className="field-errors">{t("fill.comment", { text: comments[f.key] })}</p>
                  ) : null}
                </td>
                <td
                  data-label={
                    lastLabel ? t("review.last", { label: lastLabel }) : t("review.noLast")
                  }
                >
                  {last ? text(f, last[f.key]) : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
