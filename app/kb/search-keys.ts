/**
 * Search keys of a text (ADR 0030), the same for an article and for a query: English words
 * cut to a 6-letter stem ("registration", "registered" and "register" share "regist"),
 * common words left out; Chinese (CJK) runs cut into overlapping character bigrams as news
 * search does (ADR 0013), a lone character kept, with a few question words left out.
 * Pure, no server imports: the browser never needs it, tests and the bench do.
 */
const STEM = 6;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const WORD = /[a-z0-9]+/g;

const EN_STOP = new Set(
  (
    "a an and are as at be been but by can could do does did for from get got had has have how " +
    "i if in into is it its me my no not of on or our please should so than that the their " +
    "them then there these they this to us was we were what when where which who why will " +
    "with would you your yours about after again all any also am because before being both " +
    "each few more most other out over same some such too under until up very just need needs " +
    "want help hello hi thanks thank dear"
  ).split(" "),
);
/** Bigrams of question and filler words that say nothing about the topic. */
const ZH_STOP = new Set(
  (
    "怎么 如何 什么 我们 你们 可以 请问 需要 一下 是否 能否 哪里 为什么 这个 那个 一个 有没 没有 " +
    "您好 你好 谢谢 麻烦 应该 怎样 多少 的话 时候"
  ).split(" "),
);

export function cjkBigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/** The distinct search keys of a text. */
export function searchKeys(text: string): string[] {
  const norm = text.normalize("NFKC").toLowerCase();
  const keys = new Set<string>();
  for (const word of norm.match(WORD) ?? []) {
    if (word.length < 2 || EN_STOP.has(word)) continue;
    if (/^\d+$/.test(word) && word.length < 3) continue;
    keys.add(word.slice(0, STEM));
  }
  for (const bigram of cjkBigrams(norm)) if (!ZH_STOP.has(bigram)) keys.add(bigram);
  return [...keys];
}

/** Keys of a query: at most `max`, the first ones (the start of a subject says most). */
export function queryKeys(text: string, max = 24): string[] {
  return searchKeys(text.slice(0, 300)).slice(0, max);
}

/** An article's keys with weights: 3 in a title, 1 in a body, 4 in both. */
export function weightedKeys(titles: string, bodies: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of searchKeys(titles)) out.set(k, 3);
  for (const k of searchKeys(bodies)) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
