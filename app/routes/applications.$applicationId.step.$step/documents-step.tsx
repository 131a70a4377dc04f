/** Step 5: upload a document of a kind, the documents uploaded (each removable), back or on. */
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { usePick } from "~/incubation/ui";
import type { CompanyApp } from "./action-data";
import { useKeyText } from "./key-text";

export function DocumentsStep({
  app,
  maxMb,
  uploadErrors,
}: {
  app: CompanyApp;
  maxMb: number;
  uploadErrors: Record<string, string>;
}) {
  const { t } = useTranslation("incubation");
  const text = useKeyText();
  const pick = usePick();
  return (
    <div className="stack">
      <p>{t("documents.lead", { max: String(maxMb) })}</p>
      <Form method="post" encType="multipart/form-data" className="form-stack card">
        <IdempotencyKey />
        <div className={`field${uploadErrors.kind ? " has-error" : ""}`}>
          <label htmlFor="doc-kind">{t("documents.kind")}</label>
          <select
            id="doc-kind"
            name="kind"
            aria-invalid={uploadErrors.kind ? true : undefined}
            aria-describedby="doc-kind-error"
          >
            {app.document_specs.map((d) => (
              <option key={d.key} value={d.key}>
                {pick(d.labelEn, d.labelZh)} (
                {d.required ? t("public.required") : t("public.optional")})
              </option>
            ))}
          </select>
          <div
            id="doc-kind-error"
            className="field-errors"
            role={uploadErrors.kind ? "alert" : undefined}
          >
            {uploadErrors.kind ? <p>{text(uploadErrors.kind)}</p> : null}
          </div>
        </div>
        <div className={`field${uploadErrors.file ? " has-error" : ""}`}>
          <label htmlFor="doc-file">{t("documents.file")}</label>
          <input
            id="doc-file"
            type="file"
            name="file"
            accept="application/pdf,.pdf"
            aria-invalid={uploadErrors.file ? true : undefined}
            aria-describedby="doc-file-error"
          />
          <div
            id="doc-file-error"
            className="field-errors"
            role={uploadErrors.file ? "alert" : undefined}
          >
            {uploadErrors.file ? <p>{text(uploadErrors.file, { max: String(maxMb) })}</p> : null}
          </div>
        </div>
        <SubmitButton className="button button-secondary" pendingText={t("documents.uploading")}>
          {t("documents.upload")}
        </SubmitButton>
      </Form>
      <Uploaded app={app} />
      <Form method="post" className="row">
        <button type="submit" name="intent" value="back" className="button button-secondary">
          {t("app.saveBack")}
        </button>
        <button type="submit" name="intent" value="next" className="button">
          {t("documents.continue")}
        </button>
      </Form>
    </div>
  );
}

function Uploaded({ app }: { app: CompanyApp }) {
  const { t } = useTranslation("incubation");
  const pick = usePick();
  return (
    <section className="card">
      <h3>{t("documents.uploaded")}</h3>
      {app.documents.length ? (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {app.documents.map((d) => {
            const spec = app.document_specs.find((s) => s.key === d.kind);
            return (
              <li key={d.id} className="spread">
                <span>
                  {spec ? `${pick(spec.labelEn, spec.labelZh)}: ` : ""}
                  <a href={`/applications/${app.id}/documents/${d.id}`} download>
                    {d.filename}
                  </a>
                </span>
                <Form method="post">
                  <input type="hidden" name="documentId" value={d.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className="button button-secondary button-small"
                  >
                    {t("documents.remove")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t("documents.none")}</p>
      )}
    </section>
  );
}
