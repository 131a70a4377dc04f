/**
 * The project page's space section (ADR 0028): what the project needs, the units offered to it
 * (held or not), and the units that match, best first, each with why it fits and what it
 * misses. Every form posts to the project page (intents in space-intents.server.ts) and works
 * without JavaScript; releasing a hold and letting a unit ask first (a disclosure).
 */
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { DateInput, FieldErrors, SubmitButton, useErrorText } from "~/components/forms";
import { IdempotencyKey } from "~/components/idempotency-key";
import { useKeyText, useTranslation } from "~/i18n/use-translation";
import type { Reason, SpaceNeed } from "./space";
import { FeatureChecks, MatchReasons, UnitStateBadge, useSpaceLabels } from "./space-ui";
import { useProjectLabels } from "./ui";

export interface SpaceUnitRow {
  id: string;
  building: string;
  floor: number;
  unit_no: string;
  kind: string;
  area_m2: number;
  rent_minor: number;
  available_from: string;
  state: string;
  reasons: { matches: Reason[]; misses: Reason[] };
}
export interface OfferRow extends SpaceUnitRow {
  offer_id: string;
  hold_id: string | null;
  hold_reference: string | null;
  held_until: string | null;
  heldHere: boolean;
}

export interface SpaceData {
  need: SpaceNeed;
  today: string;
  holdDefault: string;
  offers: OfferRow[];
  matches: SpaceUnitRow[];
}

export const SPACE_INTENTS = [
  "space-needs",
  "unit-offer",
  "unit-hold",
  "unit-release",
  "unit-let",
] as const;
export type SpaceIntent = (typeof SPACE_INTENTS)[number];

/** The action's answer to one of the space forms (not the project's own forms). */
export function isSpaceReply(reply: unknown): reply is SpaceReply {
  const intent = (reply as { intent?: unknown } | null | undefined)?.intent;
  return typeof intent === "string" && (SPACE_INTENTS as readonly string[]).includes(intent);
}

export interface SpaceReply {
  intent: string;
  unitId?: string;
  result: SubmissionResult<string[]> | null;
  /** A hold refused: the project that holds the unit, and the hold's last day. */
  held?: { reference: string; until: string };
}

function UnitHead({ u }: { u: SpaceUnitRow }) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  return (
    <p className="unit-card-title">
      <Link to={`/desk/space/${u.id}`}>{l.unit(u)}</Link>{" "}
      <span className="muted">
        {t("floorN", { floor: u.floor })} · {l.kind(u.kind)} · {l.area(u.area_m2)} ·{" "}
        {l.rent(u.rent_minor)} · {u.available_from}
      </span>
    </p>
  );
}

function HoldForm({
  u,
  start,
  reply,
  label,
}: {
  u: SpaceUnitRow;
  start: string;
  reply: SpaceReply | undefined;
  label: string;
}) {
  const { t } = useTranslation("space");
  const l = useSpaceLabels();
  const errText = useErrorText();
  const mine = reply?.intent === "unit-hold" && reply.unitId === u.id ? reply.result : null;
  const errors = [...(mine?.error?.heldUntil ?? []), ...(mine?.error?.[""] ?? [])];
  const id = `hold-${u.id}`;
  const defaultDay =
    typeof mine?.initialValue?.heldUntil === "string" ? mine.initialValue.heldUntil : start;
  return (
    <Form method="post" className="unit-hold-form">
      <IdempotencyKey />
      <input type="hidden" name="unitId" value={u.id} />
      <div className={`field${errors.length ? " has-error" : ""}`}>
        <label htmlFor={id}>
          {label} <span className="visually-hidden">{l.unit(u)}</span>
        </label>
        <DateInput
          id={id}
          name="heldUntil"
          defaultValue={defaultDay}
          required
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? `${id}-error` : undefined}
        />
        <FieldErrors
          id={`${id}-error`}
          errors={errors}
          format={(e) =>
            e === "space:errors.held" && reply?.held
              ? t("errors.held", { reference: reply.held.reference, date: reply.held.until })
              : errText(e)
          }
        />
      </div>
      <button
        type="submit"
        name="intent"
        value="unit-hold"
        className="button button-secondary"
        aria-label={t("project.holdUnit", { unit: l.unit(u) })}
      >
        {t("project.holdButton")}
      </button>
    </Form>
  );
}

function Confirming({
  summary,
  title,
  body,
  intent,
  fields,
  submit,
  cancel,
}: {
  summary: string;
  title: string;
  body: string;
  intent: string;
  fields: Record<string, string>;
  submit: string;
  cancel: string;
}) {
  return (
    <details className="unit-confirm">
      <summary className="button button-secondary">{summary}</summary>
      <div className="unit-confirm-body" role="group" aria-label={title}>
        <p>{body}</p>
        <Form method="post" className="row">
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <SubmitButton name="intent" value={intent} className="button button-danger">
            {submit}
          </SubmitButton>
          <span className="muted">{cancel}</span>
        </Form>
      </div>
    </details>
  );
}

export function ProjectSpace({
  space,
  stage,
  reply,
  canEdit,
}: {
  space: SpaceData;
  stage: string;
  reply?: SpaceReply;
  canEdit: boolean;
}) {
  const { t } = useTranslation("space");
  const keyText = useKeyText();
  const l = useSpaceLabels();
  const p = useProjectLabels();
  const { need } = space;
  const area =
    need.areaMin !== null || need.areaMax !== null
      ? `${need.areaMin ?? "…"}–${need.areaMax ?? "…"} m²`
      : t("project.anyArea");
  const canLet = ["registered", "moved_in", "producing"].includes(stage);
  const offerError = reply?.intent === "unit-offer" ? (reply.result?.error?.[""] ?? []) : [];
  // A hold refused for a unit no longer on the page (someone else holds it now): said here.
  const shown = [...space.offers, ...space.matches].some((u) => u.id === reply?.unitId);
  const holdError =
    reply?.intent === "unit-hold" && !shown
      ? [...(reply.result?.error?.[""] ?? []), ...(reply.result?.error?.heldUntil ?? [])]
      : [];
  const otherError =
    reply && ["unit-release", "unit-let", "space-needs"].includes(reply.intent)
      ? [...(reply.result?.error?.[""] ?? []), ...(reply.result?.error?.features ?? [])]
      : [];
  return (
    <section
      className="card project-space"
      aria-labelledby="space-title"
      data-testid="project-space"
    >
      <h2 id="space-title">{t("project.title")}</h2>
      <p>
        <strong>{t("project.need")}:</strong>{" "}
        {t("project.needLine", {
          kind: need.spaceType ? p.spaceType(need.spaceType) : t("project.anyKind"),
          area,
          date: need.moveInOn ?? t("project.anyDate"),
        })}
        {need.features.length ? ` · ${need.features.map(l.feature).join(" · ")}` : ""}
      </p>
      {[...offerError, ...otherError, ...holdError].map((e) => (
        <p key={e} className="notice notice-danger" role="alert">
          {e === "space:errors.held" && reply?.held
            ? t("errors.held", { reference: reply.held.reference, date: reply.held.until })
            : keyText(e)}
        </p>
      ))}
      {canEdit ? (
        <details className="unit-needs">
          <summary>{t("project.editNeeds")}</summary>
          <Form method="post" className="form-stack">
            <FeatureChecks
              name="features"
              legend={t("project.featuresNeeded")}
              selected={need.features}
              idPrefix="need-feature"
            />
            <SubmitButton name="intent" value="space-needs" className="button button-secondary">
              {t("project.saveNeeds")}
            </SubmitButton>
          </Form>
        </details>
      ) : null}

      <h3>{t("project.offered")}</h3>
      {space.offers.length ? (
        <ul className="unit-cards" data-testid="offered-units">
          {space.offers.map((u) => (
            <li key={u.offer_id} className="unit-card">
              <UnitHead u={u} />
              <p>
                {u.state === "let" ? (
                  <UnitStateBadge state="let" />
                ) : u.heldHere ? (
                  <span className="badge badge-warning">
                    {t("project.heldHere", { date: u.held_until })}
                  </span>
                ) : u.hold_id ? (
                  <span className="badge badge-muted">
                    {t("project.heldOther", { reference: u.hold_reference, date: u.held_until })}
                  </span>
                ) : (
                  <UnitStateBadge state="available" />
                )}
              </p>
              <MatchReasons {...u.reasons} />
              {canEdit && u.state !== "let" ? (
                <div className="unit-actions">
                  {!u.hold_id || u.heldHere ? (
                    <HoldForm
                      u={u}
                      start={u.held_until ?? space.holdDefault}
                      reply={reply}
                      label={t("project.hold")}
                    />
                  ) : null}
                  {u.heldHere && u.hold_id ? (
                    <Confirming
                      summary={t("project.release")}
                      title={t("project.releaseTitle")}
                      body={t("project.releaseConfirm", { unit: l.unit(u) })}
                      intent="unit-release"
                      fields={{ holdId: u.hold_id }}
                      submit={t("project.releaseTitle")}
                      cancel={t("project.cancel")}
                    />
                  ) : null}
                  {canLet && (!u.hold_id || u.heldHere) ? (
                    <Confirming
                      summary={t("project.let")}
                      title={t("project.letTitle")}
                      body={t("project.letConfirm", { unit: l.unit(u) })}
                      intent="unit-let"
                      fields={{ unitId: u.id }}
                      submit={t("project.letTitle")}
                      cancel={t("project.keep")}
                    />
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("project.noOffered")}</p>
      )}

      <h3>{t("project.matches")}</h3>
      {!need.spaceType && need.areaMin === null && need.areaMax === null ? (
        <p className="muted">{t("project.noType")}</p>
      ) : (
        <p className="muted">{t("project.matchesLead")}</p>
      )}
      {space.matches.length ? (
        <ol className="unit-cards" data-testid="matching-units">
          {space.matches.map((u) => (
            <li key={u.id} className="unit-card" data-testid="match">
              <UnitHead u={u} />
              <MatchReasons {...u.reasons} />
              {canEdit ? (
                <div className="unit-actions">
                  <Form method="post">
                    <IdempotencyKey />
                    <input type="hidden" name="unitId" value={u.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="unit-offer"
                      className="button"
                      aria-label={t("project.offerUnit", { unit: l.unit(u) })}
                    >
                      {t("project.offer")}
                    </button>
                  </Form>
                  <HoldForm
                    u={u}
                    start={space.holdDefault}
                    reply={reply}
                    label={t("project.hold")}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("project.noMatches")}</p>
      )}
    </section>
  );
}
