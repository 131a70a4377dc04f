/** Form parts the account pages share (sign-up, password reset, the account page). */
import type { FieldMetadata } from "@conform-to/react";
import { Field, SelectField } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";

type TextField = FieldMetadata<string | undefined | null>;

/** A new password with the rules as its hint, and its confirmation when the form has one. */
export function NewPasswordFields({
  password,
  confirm,
  labels,
}: {
  password: TextField;
  confirm?: TextField;
  labels: { password: string; confirm?: string };
}) {
  const { t } = useTranslation("accounts");
  return (
    <>
      <Field
        field={password}
        label={labels.password}
        type="password"
        autoComplete="new-password"
        hint={t("hints.password")}
      />
      {confirm ? (
        <Field
          field={confirm}
          label={labels.confirm ?? ""}
          type="password"
          autoComplete="new-password"
        />
      ) : null}
    </>
  );
}

/** The language of the pages and emails: English or Chinese, each named in its own language. */
export function LocaleSelect({ field, label }: { field: TextField; label: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      field={field}
      label={label}
      options={[
        { value: "en", label: t("language.en") },
        { value: "zh-CN", label: t("language.zh-CN") },
      ]}
    />
  );
}
