/**
 * @mentions in the desk's internal notes (issue 17, ADR 0056), shared by the browser (the
 * composer's suggestions) and the server (who is told). A mention is `@` and a colleague's name
 * as the desk shows it ("@Li Na", "@王芳"); names are compared folded (`foldText`: any case,
 * full-width letters and `＠`, runs of spaces as one). No server imports.
 */
import { foldText } from "./rules";

export interface Mentionable {
  id: string;
  name: string;
}

/** A Latin letter, digit or underscore: what may not touch a Latin name or come before `@`. */
const WORDISH = /[\p{Script=Latin}\p{N}_]/u;

/**
 * The ids of the people an internal note mentions: at each `@` (not inside a word, so an
 * e-mail address mentions nobody) the longest name that follows and does not run on into a
 * Latin word ("@Li Nana" is not "Li Na"; "@王芳你好" is 王芳). Every colleague with that name
 * is mentioned; each id once, in order of first mention.
 */
export function findMentions(body: string, people: readonly Mentionable[]): string[] {
  const text = foldText(body);
  if (!text.includes("@")) return [];
  const names = people
    .map((p) => ({ id: p.id, name: foldText(p.name) }))
    .filter((p) => p.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i + 1)) {
    if (i > 0 && WORDISH.test(text[i - 1]!)) continue;
    const rest = text.slice(i + 1);
    const hit = names.find(
      (p) => rest.startsWith(p.name) && !WORDISH.test(rest.charAt(p.name.length)),
    );
    if (!hit) continue;
    for (const p of names) if (p.name === hit.name && !found.includes(p.id)) found.push(p.id);
  }
  return found;
}

/**
 * The partial name being typed after an `@` just before the caret, or null: the composer
 * suggests colleagues while it is at most 30 characters without a line break or another `@`.
 */
export function mentionQuery(beforeCaret: string): string | null {
  const at = Math.max(beforeCaret.lastIndexOf("@"), beforeCaret.lastIndexOf("＠"));
  if (at < 0) return null;
  if (at > 0 && WORDISH.test(beforeCaret[at - 1]!)) return null;
  const query = beforeCaret.slice(at + 1);
  if (query.length > 30 || /[\n@＠]/.test(query)) return null;
  return query;
}

/** Colleagues whose name, or a word of it, starts with what was typed (at most `limit`). */
export function suggestMentions(
  query: string,
  people: readonly Mentionable[],
  limit = 6,
): Mentionable[] {
  const q = foldText(query);
  return people
    .filter((p) => {
      const name = foldText(p.name);
      return name.startsWith(q) || name.split(" ").some((w) => w.startsWith(q));
    })
    .slice(0, limit);
}
