import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { useRootData } from "~/lib/root-data";

/**
 * For a signed-in user whose email is not confirmed: a reminder on every page, with a button
 * that sends the link again (a form, so it works without JavaScript) and comes back here.
 */
export function VerifyBanner() {
  const { t } = useTranslation("accounts");
  const user = useRootData()?.user;
  const location = useLocation();
  if (!user || user.emailVerified) return null;
  return (
    <div className="container">
      <div
        className="notice notice-warning verify-banner"
        role="region"
        aria-label={t("verify.title")}
      >
        <p>{t("verify.banner", { email: user.email })}</p>
        <Form method="post" action="/verify-email/resend">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="button button-small button-secondary">
            {t("verify.resend")}
          </button>
        </Form>
      </div>
    </div>
  );
}
