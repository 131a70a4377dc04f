import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import type { CompanyData } from "./details";

type Confirm = NonNullable<CompanyData["confirm"]>;

/** The confirmation step of a transfer, a removal or leaving (reached by a plain link). */
export function ConfirmCard({ confirm, companyName }: { confirm: Confirm; companyName: string }) {
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
