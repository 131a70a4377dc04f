/** The desk's account-manager form on a company's file (works without JavaScript). */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import * as z from "zod";
import { ErrorSummary, SelectField, SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";

/** An empty choice clears the manager. */
export const accountManagerSchema = z.object({
  intent: z.literal("manager"),
  managerId: z.uuid({ error: "companyFile:manager.invalid" }).optional(),
});

export function AccountManagerForm({
  managerId,
  staff,
  lastResult,
}: {
  managerId: string | null;
  staff: { id: string; name: string; email: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("companyFile");
  const [form, fields] = useForm({
    id: "account-manager",
    lastResult,
    defaultValue: { managerId: managerId ?? "" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountManagerSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack">
      <IdempotencyKey />
      <ErrorSummary
        form={form}
        fields={{ managerId: fields.managerId }}
        labels={{ managerId: t("manager.label") }}
      />
      <SelectField
        field={fields.managerId}
        label={t("manager.label")}
        hint={t("manager.hint")}
        placeholder={t("manager.none")}
        options={staff.map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))}
      />
      <SubmitButton name="intent" value="manager" className="button button-secondary">
        {t("manager.save")}
      </SubmitButton>
    </Form>
  );
}
