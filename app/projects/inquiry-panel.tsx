/**
 * The inquiry page's project card: the linked project, or the one-step "Create project" form
 * (posted to /desk/projects/new with the inquiry's id and an idempotency key).
 */
import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useTranslation } from "~/i18n/use-translation";
import { StageBadge } from "./ui";

export function InquiryProjectPanel({
  inquiryId,
  project,
  canCreate,
}: {
  inquiryId: string;
  project: { id: string; reference: string; stage: string } | null;
  canCreate: boolean;
}) {
  const { t } = useTranslation("projects");
  if (!project && !canCreate) return null;
  return (
    <section className="card" aria-labelledby="inquiry-project-title" data-testid="inquiry-project">
      <h2 id="inquiry-project-title">{t("inquiry.title")}</h2>
      {project ? (
        <p>
          <Link to={`/desk/projects/${project.id}`}>{project.reference}</Link>{" "}
          <StageBadge stage={project.stage} />
        </p>
      ) : (
        <Form method="post" action="/desk/projects/new" className="stack">
          <IdempotencyKey />
          <input type="hidden" name="intent" value="from-inquiry" />
          <input type="hidden" name="inquiryId" value={inquiryId} />
          <p className="muted">{t("inquiry.none")}</p>
          <SubmitButton pendingText={t("inquiry.creating")}>{t("inquiry.create")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
