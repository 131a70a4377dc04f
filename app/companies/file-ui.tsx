/** The company file as owners and staff see it (issue 14): facts, designations, history. */
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import { formatMoney } from "~/projects/money";
import { designationLabel, designationState } from "./designations";
import type { ChangeRow, CompanyFile, Designation } from "./file.server";

type FileView = Omit<CompanyFile, "id">;

export function CompanyFileFacts({ file }: { file: FileView }) {
  const { t } = useTranslation("companyFile");
  const locale = useLocale();
  const none = <span className="muted">{t("notGiven")}</span>;
  return (
    <dl className="details">
      <dt>{t("fields.registeredOn")}</dt>
      <dd>{file.registeredOn ? formatDate(file.registeredOn, locale) : none}</dd>
      <dt>{t("fields.capital")}</dt>
      <dd>
        {file.capitalMinor !== null && file.capitalCurrency
          ? formatMoney(file.capitalMinor, file.capitalCurrency)
          : none}
      </dd>
      <dt>{t("fields.ip")}</dt>
      <dd>
        {t("fields.inventionPatents")} {file.inventionPatents} · {t("fields.utilityModels")}{" "}
        {file.utilityModels} · {t("fields.softwareCopyrights")} {file.softwareCopyrights} ·{" "}
        {t("fields.trademarks")} {file.trademarks}
      </dd>
      <dt>{t("fields.space")}</dt>
      <dd className="pre-line">{file.space || none}</dd>
    </dl>
  );
}

export function DesignationTable({
  designations,
  today,
  removeHref,
}: {
  designations: Designation[];
  today: string;
  /** The owner's confirmation link for a row; staff see none. */
  removeHref?: (d: Designation) => string;
}) {
  const { t } = useTranslation("companyFile");
  const locale = useLocale();
  if (!designations.length) return <p className="muted">{t("designations.none")}</p>;
  const badge = { valid: "badge-success", expiring: "badge-warning", expired: "badge-danger" };
  return (
    // Focusable, so a keyboard can scroll it where the column is narrower than the table.
    <div className="table-wrap" tabIndex={0}>
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("designations.kind")}</th>
            <th scope="col">{t("designations.reference")}</th>
            <th scope="col">{t("designations.issuedOn")}</th>
            <th scope="col">{t("designations.expiresOn")}</th>
            {removeHref ? (
              <th scope="col">
                <span className="visually-hidden">{t("designations.remove")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {designations.map((d) => {
            const state = designationState(d.expiresOn, today);
            return (
              <tr key={d.id}>
                <th scope="row">
                  {designationLabel(d.kind, locale)}{" "}
                  <span className={`badge ${badge[state]}`}>
                    {t(`designations.states.${state}`)}
                  </span>
                </th>
                <td data-label={t("designations.reference")}>{d.reference || "—"}</td>
                <td data-label={t("designations.issuedOn")}>{formatDate(d.issuedOn, locale)}</td>
                <td data-label={t("designations.expiresOn")}>
                  {d.expiresOn ? formatDate(d.expiresOn, locale) : t("designations.noExpiry")}
                </td>
                {removeHref ? (
                  <td>
                    <Link
                      className="button button-danger button-small"
                      to={removeHref(d)}
                      aria-label={`${t("designations.remove")}: ${designationLabel(d.kind, locale)}`}
                    >
                      {t("designations.remove")}
                    </Link>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ChangeList({ changes, olderHref }: { changes: ChangeRow[]; olderHref?: string }) {
  const { t } = useTranslation("companyFile");
  const locale = useLocale();
  const tt = t as unknown as (k: string) => string;
  const fieldLabel = (f: string) => {
    const label = tt(`fields.${f}`);
    return label === `fields.${f}` ? f : label;
  };
  const value = (v: string | null, field: string) => {
    if (v === null || v === "") return t("history.empty");
    if (field === "designation") {
      const [kind, ...rest] = v.split(" · ");
      return [designationLabel(kind ?? "", locale), ...rest.filter(Boolean)].join(" · ");
    }
    return v;
  };
  if (!changes.length) return <p className="muted">{t("history.none")}</p>;
  return (
    <>
      <ol className="timeline">
        {changes.map((c) => (
          <li key={c.id}>
            <span className="muted">
              {formatDate(c.at, locale)} · {c.actorName ?? t("history.system")}
            </span>
            <br />
            {t("history.change", {
              field: fieldLabel(c.field),
              before: value(c.before, c.field),
              after: value(c.after, c.field),
            })}
          </li>
        ))}
      </ol>
      {olderHref ? (
        <p>
          <Link to={olderHref}>{t("history.older")}</Link>
        </p>
      ) : null}
    </>
  );
}
