/**
 * One project on the board, with its move form. The same form works without JavaScript (a
 * post and a redirect back to the board) and with it (a fetcher: no page change).
 */
import { Link, useFetcher } from "@remix-run/react";
import { useErrorText } from "~/components/forms";
import { useTranslation } from "~/i18n/use-translation";
import { isStoppable, nextStages, type Flag, type Stage } from "~/projects/pipeline";
import { FlagBadges, useProjectLabels } from "~/projects/ui";

export interface BoardCardData {
  id: string;
  reference: string;
  organisation: string;
  country: string | null;
  stage: string;
  stopped_stage: string | null;
  owner_name: string | null;
  investment_minor: number | null;
  investment_currency: string | null;
  next_step: string;
  next_step_due: string | null;
  version: number;
  flags: Flag[];
}

export interface MoveReply {
  projectId: string;
  error: string;
}

export function BoardCard({
  card,
  action,
  error,
}: {
  card: BoardCardData;
  action: string;
  error?: string;
}) {
  const { t } = useTranslation("projects");
  const l = useProjectLabels();
  const errText = useErrorText();
  const fetcher = useFetcher<MoveReply>();
  const stopped = isStoppable(card.stopped_stage) ? card.stopped_stage : null;
  // Lost needs a reason: that move is made on the project's page.
  const targets = nextStages(card.stage as Stage, stopped).filter((s) => s !== "lost");
  const shown = fetcher.data?.projectId === card.id ? fetcher.data.error : error;
  const busy = fetcher.state !== "idle";
  const selectId = `move-${card.id}`;
  return (
    <li className="card project-card" data-testid="board-card" data-project={card.reference}>
      <p className="project-card-title">
        <Link to={`/desk/projects/${card.id}`}>{card.organisation}</Link>
      </p>
      <p className="muted project-card-meta">
        {card.reference}
        {card.country ? ` · ${l.country(card.country)}` : ""}
        {card.owner_name ? ` · ${card.owner_name}` : ""}
      </p>
      {card.investment_minor !== null ? (
        <p className="project-card-meta">
          {l.money(card.investment_minor, card.investment_currency)}
        </p>
      ) : null}
      {card.next_step ? (
        <p className="project-card-meta">
          {card.next_step}
          {card.next_step_due ? (
            <span className="muted"> · {t("detail.due", { date: card.next_step_due })}</span>
          ) : null}
        </p>
      ) : null}
      <FlagBadges flags={card.flags} />
      {shown ? (
        <p className="field-errors" role="alert">
          {errText(shown)}
        </p>
      ) : null}
      {targets.length ? (
        <fetcher.Form method="post" action={action} className="project-move">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="projectId" value={card.id} />
          <input type="hidden" name="version" value={card.version} />
          <label htmlFor={selectId} className="visually-hidden">
            {t("boardPage.moveTo")} ({card.organisation})
          </label>
          <select id={selectId} name="to" defaultValue={targets[0]} key={card.version}>
            {targets.map((s) => (
              <option key={s} value={s}>
                {l.stage(s)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary button-small" disabled={busy}>
            {busy ? t("boardPage.moving") : t("boardPage.move")}
          </button>
        </fetcher.Form>
      ) : null}
    </li>
  );
}
