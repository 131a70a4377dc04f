import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { invariantFound, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import {
  getCompanyForMember,
  listMembers,
  listPendingInvitations,
} from "~/companies/companies.server";
import { useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { readForm } from "~/lib/form.server";
import { idempotent } from "~/forms/idempotency.server";
import { requestMeta } from "~/lib/request.server";
import { useLocale } from "~/lib/root-data";
import { getCompanyFile } from "~/companies/file.server";
import { isoDay } from "~/lib/format";
import { ConfirmCard } from "./confirm-card";
import { FileCard } from "./file-card";
import { CompanyFacts, InvitationsTable, MembersTable } from "./details";
import { intentHandler, invalidRequest } from "./intents.server";
import { InviteForm } from "./invite-form";
import type { CompanyReply } from "./reply";
import { pageTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "Your company · 我的企业 | Zizhu Park Portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.company || !can(user, "read:company:own")) return { company: null } as const;
  const database = db();
  const company = await getCompanyForMember(database, user.id, user.company.id);
  invariantFound(company);
  const members = await listMembers(database, company.id);
  const found = await getCompanyFile(database, user, company.id);
  const file = found.ok ? found : null;
  const isOwner = company.role === "owner";
  const invitations = isOwner ? await listPendingInvitations(database, company.id) : [];
  // A confirmation step as a plain link (?transfer=, ?remove=, ?leave=1): works without JavaScript.
  const url = new URL(request.url);
  const pickMember = (id: string | null) =>
    id ? members.find((m) => m.userId === id && m.userId !== user.id) : undefined;
  const transfer = pickMember(url.searchParams.get("transfer"));
  const remove = pickMember(url.searchParams.get("remove"));
  const confirm = isOwner
    ? transfer
      ? { kind: "transfer" as const, member: transfer }
      : remove
        ? { kind: "remove" as const, member: remove }
        : null
    : url.searchParams.get("leave") === "1"
      ? { kind: "leave" as const, member: null }
      : null;
  return {
    company,
    members,
    invitations,
    isOwner,
    userId: user.id,
    confirm,
    file: file?.file ?? null,
    designations: file?.designations ?? [],
    today: isoDay(new Date()),
  } as const;
}

/** Several forms, each posting an `intent` that one handler in ./intents.server answers. */
export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  await requireUser(request);
  const formData = await readForm(request);
  const handler = intentHandler(formData.get("intent"));
  if (!handler) return invalidRequest(null);
  return handler({ request, formData, meta: requestMeta(request, context) });
}

export default function CompanyPage() {
  const loaderData = useLoaderData<typeof loader>();
  const { t } = useTranslation("company");
  if (!loaderData.company) {
    return (
      <div className="container medium">
        <div className="page-header">
          <h1>{t("title")}</h1>
        </div>
        <section className="card stack">
          <h2>{t("none.title")}</h2>
          <p>{t("none.lead")}</p>
          <p className="muted">{t("none.invited")}</p>
          <p>
            <Link className="button" to="/company/new">
              {t("none.create")}
            </Link>
          </p>
        </section>
      </div>
    );
  }
  return <CompanyDetails />;
}

function CompanyDetails() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<CompanyReply>();
  const { t } = useTranslation("company");
  const { t: tStats } = useTranslation("statistics");
  const errorText = useErrorText();
  const locale = useLocale();
  const { key } = useLocation();
  if (!loaderData.company) return null;
  const { company, members, invitations, isOwner, userId, confirm } = loaderData;
  const companyName = pick(locale, company.nameEn, company.nameZh);
  return (
    <div className="container medium">
      <div className="page-header spread">
        <h1>{companyName}</h1>
        {isOwner ? (
          <Link className="button button-secondary" to="/company/edit">
            {t("view.edit")}
          </Link>
        ) : null}
      </div>

      {actionData?.error ? (
        <div className="notice notice-danger" role="alert">
          <p>{errorText(actionData.error)}</p>
        </div>
      ) : null}

      {confirm ? <ConfirmCard confirm={confirm} companyName={companyName} /> : null}

      <CompanyFacts company={company} />
      {loaderData.file ? (
        <FileCard
          file={loaderData.file}
          designations={loaderData.designations}
          today={loaderData.today}
          isOwner={isOwner}
        />
      ) : null}
      <section className="card spread" aria-labelledby="company-reports">
        <h2 id="company-reports">{tStats("company.title")}</h2>
        <Link className="button button-secondary button-small" to="/company/reports">
          {tStats("company.open")}
        </Link>
      </section>
      <MembersTable members={members} isOwner={isOwner} userId={userId} />

      {isOwner ? (
        <>
          <InvitationsTable invitations={invitations} />
          <InviteForm
            key={`invite-${key}`}
            lastResult={
              actionData?.intent === "invite" ? (actionData.result ?? undefined) : undefined
            }
          />
        </>
      ) : null}
    </div>
  );
}
