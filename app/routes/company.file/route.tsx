import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { designationLabel } from "~/companies/designations";
import { getCompanyFile, listChanges } from "~/companies/file.server";
import { ChangeList, DesignationTable } from "~/companies/file-ui";
import { SubmitButton } from "~/components/forms";
import { db } from "~/db.server";
import { idempotent } from "~/forms/idempotency.server";
import { useTranslation } from "~/i18n/use-translation";
import { formatDate, isoDay } from "~/lib/format";
import { readForm } from "~/lib/form.server";
import { throwIfMissing } from "~/lib/http.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { isCurrency, minorToInput } from "~/projects/money";
import { DesignationForm, FileForm } from "./forms";
import { isFileIntent, runFileIntent } from "./intents.server";

export const meta: MetaFunction = () => [{ title: "Company file · 企业档案 | Zizhu Park Portal" }];

/** Owners only (update:company:own): members and people without a company get 403. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:company:own");
  const companyId = user.company!.id;
  const found = await getCompanyFile(db(), user, companyId);
  if (!found.ok) throwIfMissing(found);
  const changes = await listChanges(db(), user, companyId, { limit: 10 });
  if (!found.ok || !changes.ok) throw new Response("Not found", { status: 404 });
  const removeId = new URL(request.url).searchParams.get("remove");
  const confirm = found.designations.find((d) => d.id === removeId) ?? null;
  return {
    file: found.file,
    designations: found.designations,
    changes: changes.items,
    confirm,
    today: isoDay(new Date()),
  };
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:company:own");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (!isFileIntent(intent))
    return data({ intent: "none" as const, result: null, conflict: false }, { status: 400 });
  return runFileIntent(intent, {
    user,
    companyId: user.company!.id,
    form,
    ip: requestMeta(request, context).ip ?? null,
  });
}

export default function CompanyFilePage() {
  const { file, designations, changes, confirm, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("companyFile");
  const locale = useLocale();
  const money =
    file.capitalMinor !== null && isCurrency(file.capitalCurrency)
      ? minorToInput(file.capitalMinor, file.capitalCurrency)
      : "";
  return (
    <div className="container medium stack">
      <p>
        <Link to="/company">← {t("back")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </header>
      {reply?.conflict ? (
        <div className="notice notice-warning" role="alert">
          <p>{t("conflict")}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="file-edit">
        <h2 id="file-edit">{t("edit")}</h2>
        <FileForm
          lastResult={reply?.intent === "file" ? reply.result : undefined}
          version={file.version}
          defaultValue={{
            registeredOn: file.registeredOn ?? "",
            capitalAmount: money,
            capitalCurrency: file.capitalCurrency ?? "CNY",
            inventionPatents: String(file.inventionPatents),
            utilityModels: String(file.utilityModels),
            softwareCopyrights: String(file.softwareCopyrights),
            trademarks: String(file.trademarks),
            space: file.space,
          }}
        />
      </section>
      <section className="card stack" aria-labelledby="file-designations">
        <h2 id="file-designations">{t("designations.title")}</h2>
        {confirm ? (
          <div className="notice notice-warning" role="region" aria-labelledby="remove-title">
            <h3 id="remove-title">{t("designations.confirmTitle")}</h3>
            <p>
              {t("designations.confirmLead", {
                kind: designationLabel(confirm.kind, locale),
                date: formatDate(confirm.issuedOn, locale),
              })}
            </p>
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="removeDesignation" />
              <input type="hidden" name="designationId" value={confirm.id} />
              <input type="hidden" name="confirm" value="yes" />
              <SubmitButton className="button button-danger">
                {t("designations.confirm")}
              </SubmitButton>
              <Link className="button button-secondary" to="/company/file">
                {t("designations.cancel")}
              </Link>
            </Form>
          </div>
        ) : null}
        <DesignationTable
          designations={designations}
          today={today}
          removeHref={(d) => `/company/file?remove=${d.id}#file-designations`}
        />
        <h3>{t("designations.add")}</h3>
        <DesignationForm
          lastResult={reply?.intent === "addDesignation" ? reply.result : undefined}
        />
      </section>
      <section className="card" aria-labelledby="file-history">
        <h2 id="file-history">{t("history.title")}</h2>
        <ChangeList changes={changes} />
      </section>
    </div>
  );
}
