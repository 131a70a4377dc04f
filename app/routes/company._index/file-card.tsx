import { Link } from "@remix-run/react";
import type { CompanyFile, Designation } from "~/companies/file.server";
import { CompanyFileFacts, DesignationTable } from "~/companies/file-ui";
import { useTranslation } from "~/i18n/use-translation";

/** The company file on the company page: every member reads it, the owner edits it. */
export function FileCard({
  file,
  designations,
  today,
  isOwner,
}: {
  file: CompanyFile;
  designations: Designation[];
  today: string;
  isOwner: boolean;
}) {
  const { t } = useTranslation("companyFile");
  const { t: tp } = useTranslation("policies");
  return (
    <section className="card stack" aria-labelledby="company-file">
      <div className="spread">
        <h2 id="company-file">{t("title")}</h2>
        <div className="row">
          <Link className="button button-secondary button-small" to="/company/policies">
            {tp("company.title")}
          </Link>
          {isOwner ? (
            <Link className="button button-secondary button-small" to="/company/file">
              {t("edit")}
            </Link>
          ) : null}
        </div>
      </div>
      <CompanyFileFacts file={file} />
      <h3>{t("designations.title")}</h3>
      <DesignationTable designations={designations} today={today} />
    </section>
  );
}
