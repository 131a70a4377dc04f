/** The request page's canned replies (ADR 0039): the picker's list and the one being used. */
import type { SessionUser } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { field, parseQuery } from "~/lib/query.server";
import {
  getSnippet,
  listSnippets,
  snippetContext,
  snippetText,
} from "~/service-requests/snippets.server";

export async function snippetsFor(request: Request, user: SessionUser, ref: string) {
  const { sq = null, use } = parseQuery(request, { sq: field.text(100), use: field.uuid() });
  if (!can(user, "update:service_request:any")) return { q: sq, list: [], using: null };
  const list = await listSnippets(db(), user, { q: sq, limit: 8 });
  const snippet = use ? await getSnippet(db(), user, use) : undefined;
  const ctx = snippet ? await snippetContext(db(), user, ref) : undefined;
  const using =
    snippet && ctx
      ? {
          id: snippet.id,
          title: snippet.title,
          body: snippetText(snippet, ctx),
          lang: (ctx.locale === "zh-CN" ? snippet.body_zh : snippet.body_en)
            ? ctx.locale
            : ctx.locale === "zh-CN"
              ? "en"
              : "zh-CN",
          set_state: snippet.set_state,
          set_priority: snippet.set_priority,
          set_team_id: snippet.set_team_id,
          set_assignee_id: snippet.set_assignee_id,
        }
      : null;
  return { q: sq, list, using };
}
