/**
 * The project page's space forms (ADR 0028): needs, offer, hold, release, let. Each parses its
 * schema, calls the domain and answers a redirect with a toast, or the form's errors with the
 * input kept (409 when another project holds the unit, ADR 0025 statuses otherwise).
 */
import { data } from "@remix-run/node";
import { db } from "~/db.server";
import { parseForm } from "~/lib/form.server";
import { statusOf } from "~/lib/http.server";
import { redirectWithToast } from "~/lib/toast.server";
import { holdUnit, letUnit, offerUnit, releaseHold, setSpaceNeed } from "~/projects/holds.server";
import type { ProjectActor } from "~/projects/projects.server";
import {
  holdSchema,
  letSchema,
  needSchema,
  offerSchema,
  releaseSchema,
} from "~/projects/space-schema";
import { SPACE_INTENTS, type SpaceIntent, type SpaceReply } from "~/projects/project-space";

export function isSpaceIntent(value: unknown): value is SpaceIntent {
  return typeof value === "string" && (SPACE_INTENTS as readonly string[]).includes(value);
}

interface Ctx {
  user: ProjectActor;
  id: string;
  form: FormData;
  ip: string | null;
}

const ERROR_KEY: Record<string, string> = {
  unit: "space:errors.unit",
  let: "space:errors.let",
  past: "space:errors.past",
  tooLong: "space:errors.tooLongHold",
  stage: "space:errors.stage",
  notFound: "space:errors.notFound",
  conflict: "space:errors.heldNow",
};

const done = (id: string, key: string) =>
  redirectWithToast(`/desk/projects/${id}`, { type: "success", key: `space:toast.${key}` });

function answer(
  intent: SpaceIntent,
  unitId: string | undefined,
  result: SpaceReply["result"],
  status: number,
  held?: SpaceReply["held"],
) {
  return data<SpaceReply>({ intent, unitId, result, ...(held ? { held } : {}) }, { status });
}

export async function runSpaceIntent(intent: SpaceIntent, { user, id, form, ip }: Ctx) {
  const meta = { ip };
  const unitId = typeof form.get("unitId") === "string" ? String(form.get("unitId")) : undefined;
  switch (intent) {
    case "space-needs": {
      const s = parseForm(form, { schema: needSchema });
      if (s.status !== "success") return answer(intent, unitId, s.reply(), 400);
      await setSpaceNeed(db(), user, id, s.value, meta);
      return done(id, "needs");
    }
    case "unit-offer": {
      const s = parseForm(form, { schema: offerSchema });
      if (s.status !== "success") return answer(intent, unitId, s.reply(), 400);
      const r = await offerUnit(db(), user, id, s.value, meta);
      if (!r.ok)
        return answer(intent, unitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
      return done(id, r.created ? "offered" : "alreadyOffered");
    }
    case "unit-hold": {
      const s = parseForm(form, { schema: holdSchema });
      if (s.status !== "success") return answer(intent, unitId, s.reply(), 400);
      const r = await holdUnit(db(), user, id, s.value, meta);
      if (r.ok) return done(id, "held");
      // Another project holds it: say which and until when (the reference is the park's own).
      const held =
        r.error === "conflict" && r.reference
          ? { reference: r.reference, until: r.heldUntil ?? "" }
          : undefined;
      const message = held ? "space:errors.held" : ERROR_KEY[r.error]!;
      const field = r.error === "past" || r.error === "tooLong";
      return answer(
        intent,
        unitId,
        s.reply(field ? { fieldErrors: { heldUntil: [message] } } : { formErrors: [message] }),
        statusOf(r),
        held,
      );
    }
    case "unit-release": {
      const s = parseForm(form, { schema: releaseSchema });
      if (s.status !== "success") return answer(intent, unitId, s.reply(), 400);
      const r = await releaseHold(db(), user, id, s.value.holdId, meta);
      if (!r.ok) return answer(intent, unitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), 422);
      return done(id, "released");
    }
    case "unit-let": {
      const s = parseForm(form, { schema: letSchema });
      if (s.status !== "success") return answer(intent, unitId, s.reply(), 400);
      const r = await letUnit(db(), user, id, s.value.unitId, meta);
      if (!r.ok)
        return answer(intent, unitId, s.reply({ formErrors: [ERROR_KEY[r.error]!] }), statusOf(r));
      return done(id, "let");
    }
  }
}
