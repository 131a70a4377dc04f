import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";

/** A friendly page for every error status; never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 400
        ? [t("errors.badRequestTitle"), t("errors.badRequestBody")]
        : status === 403
          ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
          : status === 503
            ? [t("errors.unavailableTitle"), t("errors.unavailableBody")]
            : status === 429
              ? [t("errors.tooManyRequests"), ""]
              : status === 413
                ? [t("errors.tooLargeTitle"), t("errors.tooLargeBody")]
                : [t("errors.serverTitle"), t("errors.serverBody")];
  return (
    <div className="container narrow page-error">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      {body ? <p className="lead">{body}</p> : null}
      <p>
        <Link className="button" to="/">
          {t("errors.goHome")}
        </Link>
      </p>
    </div>
  );
}
