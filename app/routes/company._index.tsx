import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { parseForm, readForm } from "~/lib/form.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  requirePermission,
  requireUser,
  forbidden,
  invariantFound,
  notFound,
} from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { hitWindowLimit, type WindowPolicy } from "~/auth/throttle.server";
import {
  getCompanyForMember,
  inviteMember,
  leaveCompany,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
  transferOwnership,
} from "~/companies/companies.server";
import {
  inviteSchema,
  leaveSchema,
  memberActionSchema,
  revokeSchema,
  industryLabel,
} from "~/companies/schema";
import { formatDay } from "~/companies/ui";
import { ErrorSummary, Field, SubmitButton, useErrorText } from "~/components/forms";
import { db } from "~/db.server";
import { pick } from "~/i18n/i18n";
import { useLocale } from "~/lib/root-data";
import { requestMeta } from "~/lib/request.server";
import { redirectWithToast } from "~/lib/toast.server";
import { IdempotencyKey } from "~/components/idempotency-key";
import { idempotent } from "~/lib/idempotency.server";

const INVITE_LIMIT: WindowPolicy = { limit: 30, windowSeconds: 60 * 60 };

export const meta: MetaFunction = () => [{ title: "Your company · 我的企业 | Zizhu Park Portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.company || !can(user, "read:company:own")) return { company: null } as const;
  const database = db();
  const company = await getCompanyForMember(database, user.id, user.company.id);
  invariantFound(company);
  const members = await listMembers(database, company.id);
  const isOwner = company.role === "owner";
  const invitations = isOwner ? await listPendingInvitations(database, company.id) : [];
  // A confirmation step as a plain link (?transfer=, ?remove=, ?leave=1): works without JavaScript.
  const url = new URL(request.url);
  const pickMember = (id: string | null) =>
    id ? members.find((m) => m.userId === id && m.userId !== user.id) : undefined;
  const confirm = isOwner
    ? pickMember(url.searchParams.get("transfer"))
      ? { kind: "transfer" as const, member: pickMember(url.searchParams.get("transfer"))! }
      : pickMember(url.searchParams.get("remove"))
        ? { kind: "remove" as const, member: pickMember(url.searchParams.get("remove"))! }
        : null
    : url.searchParams.get("leave") === "1"
      ? { kind: "leave" as const, member: null }
      : null;
  return { company, members, invitations, isOwner, userId: user.id, confirm } as const;
}

export const action = (args: ActionFunctionArgs) => idempotent(post, args);
async function post({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const meta = requestMeta(request, context);
  const database = db();

  if (intent === "invite") {
    await requirePermission(request, "manage:company_member:own");
    const submission = parseForm(formData, { schema: inviteSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), error: null }, { status: 400 });
    // Each invitation sends an email: at most INVITE_LIMIT an hour per owner.
    if (!(await hitWindowLimit(database, `invite:user:${user.id}`, INVITE_LIMIT))) {
      return data(
        {
          intent,
          result: submission.reply({ formErrors: ["company:errors.tooManyInvites"] }),
          error: null,
        },
        { status: 429 },
      );
    }
    const result = await inviteMember(
      database,
      { id: user.id, name: user.name, locale: user.locale },
      user.company!.id,
      submission.value.email,
      meta,
    );
    if (!result.ok) {
      if (result.error === "forbidden") forbidden();
      if (result.error === "notFound") notFound();
      return data(
        {
          intent,
          result: submission.reply({ fieldErrors: { email: ["company:errors.alreadyMember"] } }),
          error: null,
        },
        { status: 400 },
      );
    }
    return redirectWithToast("/company", {
      type: "success",
      key: "company:toast.invited",
      values: { email: submission.value.email },
    });
  }

  if (intent === "revoke") {
    await requirePermission(request, "manage:company_member:own");
    const submission = parseForm(formData, { schema: revokeSchema });
    if (submission.status !== "success")
      return data(
        { intent, result: null, error: "company:errors.invalidRequest" },
        { status: 400 },
      );
    const result = await revokeInvitation(
      database,
      user,
      user.company!.id,
      submission.value.invitationId,
      meta,
    );
    if (!result.ok) {
      if (result.error === "forbidden") forbidden();
      notFound();
    }
    return redirectWithToast("/company", { type: "success", key: "company:toast.revoked" });
  }

  if (intent === "remove" || intent === "transfer") {
    await requirePermission(request, "manage:company_member:own");
    const submission = parseForm(formData, { schema: memberActionSchema });
    if (submission.status !== "success")
      return data(
        { intent, result: null, error: "company:errors.invalidRequest" },
        { status: 400 },
      );
    const companyId = user.company!.id;
    const target = (await listMembers(database, companyId)).find(
      (m) => m.userId === submission.value.userId,
    );
    const result =
      intent === "remove"
        ? await removeMember(database, user, companyId, submission.value.userId, meta)
        : await transferOwnership(database, user, companyId, submission.value.userId, meta);
    if (!result.ok) {
      if (result.error === "forbidden") forbidden();
      if (result.error === "notFound") notFound();
      return data(
        { intent, result: null, error: `company:errors.${result.error}` },
        { status: 400 },
      );
    }
    return intent === "remove"
      ? redirectWithToast("/company", { type: "success", key: "company:toast.removed" })
      : redirectWithToast("/company", {
          type: "success",
          key: "company:toast.transferred",
          values: { name: target?.name ?? "" },
        });
  }

  if (intent === "leave") {
    await requirePermission(request, "read:company:own");
    const submission = parseForm(formData, { schema: leaveSchema });
    if (submission.status !== "success")
      return data(
        { intent, result: null, error: "company:errors.invalidRequest" },
        { status: 400 },
      );
    const result = await leaveCompany(database, user, user.company!.id, meta);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data(
        { intent, result: null, error: "company:errors.ownerCannotLeave" },
        { status: 400 },
      );
    }
    return redirectWithToast("/company", { type: "success", key: "company:toast.left" });
  }

  return data(
    { intent: null, result: null, error: "company:errors.invalidRequest" },
    { status: 400 },
  );
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
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("company");
  const errorText = useErrorText();
  const locale = useLocale();
  const { key } = useLocation();
  if (!loaderData.company) return null;
  const { company, members, invitations, isOwner, userId, confirm } = loaderData;
  const companyName = pick(locale, company.nameEn, company.nameZh);
  const roleLabel = (role: string) => (role === "owner" ? t("view.owner") : t("view.member"));
  const sizeLabel = (t as unknown as (k: string) => string)(`sizes.${company.size}`);
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

      <section className="card" aria-labelledby="company-details">
        <h2 id="company-details">{t("view.details")}</h2>
        <dl className="details">
          <dt>{t("fields.nameEn")}</dt>
          <dd>{company.nameEn}</dd>
          <dt>{t("fields.nameZh")}</dt>
          <dd lang="zh-CN">{company.nameZh}</dd>
          <dt>{t("fields.creditCode")}</dt>
          <dd>
            {company.creditCode ? (
              <code>{company.creditCode}</code>
            ) : (
              <span className="muted">{t("view.notGiven")}</span>
            )}
          </dd>
          <dt>{t("fields.industry")}</dt>
          <dd>{industryLabel(company.industry, locale)}</dd>
          <dt>{t("fields.size")}</dt>
          <dd>{sizeLabel}</dd>
          <dt>{t("fields.website")}</dt>
          <dd>
            {company.website ? (
              <a href={company.website} rel="noopener noreferrer nofollow" target="_blank">
                {company.website}
              </a>
            ) : (
              <span className="muted">{t("view.notGiven")}</span>
            )}
          </dd>
          <dt>{t("fields.resident")}</dt>
          <dd>
            {company.isResident ? (
              <span className="badge badge-success">
                {company.residentSince
                  ? t("view.resident", { date: formatDay(company.residentSince, locale) })
                  : t("fields.resident")}
              </span>
            ) : (
              <span className="badge badge-muted">{t("view.notResident")}</span>
            )}
          </dd>
          <dt>{t("view.yourRole")}</dt>
          <dd>{roleLabel(company.role)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="company-members">
        <h2 id="company-members">{t("view.members")}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("view.name")}</th>
                <th scope="col">{t("view.role")}</th>
                <th scope="col">{t("view.joined")}</th>
                {isOwner ? <th scope="col">{t("view.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    {m.userId === userId ? <span className="muted"> ({t("view.you")})</span> : null}
                    <br />
                    <span className="muted">{m.email}</span>
                  </td>
                  <td>
                    <span
                      className={`badge ${m.role === "owner" ? "badge-success" : "badge-muted"}`}
                    >
                      {roleLabel(m.role)}
                    </span>
                  </td>
                  <td>{formatDay(m.joinedAt, locale)}</td>
                  {isOwner ? (
                    <td>
                      {m.userId !== userId ? (
                        <div className="row">
                          <Link
                            className="button button-secondary button-small"
                            to={`/company?transfer=${m.userId}`}
                            aria-label={`${t("view.makeOwner")}: ${m.name}`}
                          >
                            {t("view.makeOwner")}
                          </Link>
                          <Link
                            className="button button-danger button-small"
                            to={`/company?remove=${m.userId}`}
                            aria-label={`${t("view.remove")}: ${m.name}`}
                          >
                            {t("view.remove")}
                          </Link>
                        </div>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!isOwner ? (
          <div className="form-footer">
            <Link className="button button-secondary" to="/company?leave=1">
              {t("view.leave")}
            </Link>
          </div>
        ) : null}
      </section>

      {isOwner ? (
        <>
          <section className="card" aria-labelledby="company-invitations">
            <h2 id="company-invitations">{t("view.invitations")}</h2>
            {invitations.length ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("view.email")}</th>
                      <th scope="col">{t("view.invitedBy")}</th>
                      <th scope="col">{t("view.expires")}</th>
                      <th scope="col">{t("view.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.map((i) => (
                      <tr key={i.id}>
                        <td>{i.email}</td>
                        <td>{i.invitedBy ?? "–"}</td>
                        <td>
                          {i.expired ? (
                            <span className="badge badge-warning">{t("view.expired")}</span>
                          ) : (
                            formatDay(i.expiresAt, locale)
                          )}
                        </td>
                        <td>
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="invitationId" value={i.id} />
                            <button
                              type="submit"
                              className="button button-secondary button-small"
                              aria-label={`${t("view.revoke")}: ${i.email}`}
                            >
                              {t("view.revoke")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{t("view.noInvitations")}</p>
            )}
          </section>
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

type InviteResult = NonNullable<
  NonNullable<ReturnType<typeof useActionData<typeof action>>>["result"]
>;

function InviteForm({ lastResult }: { lastResult?: InviteResult }) {
  const { t } = useTranslation("company");
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    defaultValue: { intent: "invite" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  const labels = { email: t("fields.email") };
  return (
    <section className="card" aria-labelledby="company-invite">
      <h2 id="company-invite">{t("view.invite")}</h2>
      <p className="muted">{t("view.inviteLead")}</p>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <IdempotencyKey />
        <ErrorSummary form={form} fields={{ email: fields.email }} labels={labels} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <Field field={fields.email} label={labels.email} type="email" autoComplete="off" />
        <SubmitButton pendingText={t("view.inviteSending")}>{t("view.inviteSubmit")}</SubmitButton>
      </Form>
    </section>
  );
}

type Confirm = NonNullable<
  Extract<ReturnType<typeof useLoaderData<typeof loader>>, { isOwner: boolean }>["confirm"]
>;

function ConfirmCard({ confirm, companyName }: { confirm: Confirm; companyName: string }) {
  const { t } = useTranslation("company");
  const name = confirm.member?.name ?? "";
  const title =
    confirm.kind === "transfer"
      ? t("confirm.transferTitle", { name })
      : confirm.kind === "remove"
        ? t("confirm.removeTitle", { name })
        : t("confirm.leaveTitle", { company: companyName });
  const lead =
    confirm.kind === "transfer"
      ? t("confirm.transferLead", { name })
      : confirm.kind === "remove"
        ? t("confirm.removeLead", { name })
        : t("view.leaveLead");
  const submit =
    confirm.kind === "transfer"
      ? t("confirm.transferSubmit", { name })
      : confirm.kind === "remove"
        ? t("confirm.removeSubmit", { name })
        : t("confirm.leaveSubmit");
  return (
    <section className="card notice-warning" aria-labelledby="company-confirm" role="region">
      <h2 id="company-confirm">{title}</h2>
      <p>{lead}</p>
      <Form method="post" action="/company?index" className="row">
        <input type="hidden" name="intent" value={confirm.kind} />
        {confirm.member ? (
          <input type="hidden" name="userId" value={confirm.member.userId} />
        ) : null}
        <input type="hidden" name="confirm" value="yes" />
        <SubmitButton className={confirm.kind === "transfer" ? "button" : "button button-danger"}>
          {submit}
        </SubmitButton>
        <Link className="button button-secondary" to="/company">
          {t("confirm.cancel")}
        </Link>
      </Form>
    </section>
  );
}
