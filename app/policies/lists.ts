/**
 * Long company lists of a policy (the uptake page's "eligible, not claimed", the awards'
 * match): a search by company name (English or Chinese, case aside) and numbered pages of 50,
 * over a list the server has already computed in process (ADR 0058). Shared by the browser
 * (the pager's addresses) and the server.
 */
export const LIST_PAGE_SIZE = 50;

export interface ListQuery {
  q?: string;
  page?: number;
}

export interface ListPage<T> {
  rows: T[];
  /** Companies matching the search (all of them without one). */
  matched: number;
  /** Companies in the list before the search. */
  total: number;
  page: number;
  pages: number;
  q: string;
}

/** The companies whose name contains the search (all without one), in the list's order. */
export function searchByName<T extends { nameEn: string; nameZh: string }>(
  rows: readonly T[],
  q: string | undefined,
): T[] {
  const needle = (q ?? "").trim().toLocaleLowerCase();
  if (!needle) return [...rows];
  return rows.filter(
    (r) =>
      r.nameEn.toLocaleLowerCase().includes(needle) ||
      r.nameZh.toLocaleLowerCase().includes(needle),
  );
}

/** One page of the search's results; a page past the end shows the last one. */
export function pageList<T extends { nameEn: string; nameZh: string }>(
  rows: readonly T[],
  query: ListQuery,
  size = LIST_PAGE_SIZE,
): ListPage<T> {
  const found = searchByName(rows, query.q);
  const pages = Math.max(1, Math.ceil(found.length / size));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  return {
    rows: found.slice((page - 1) * size, page * size),
    matched: found.length,
    total: rows.length,
    page,
    pages,
    q: (query.q ?? "").trim(),
  };
}

/** The address of a page of a list (defaults left out), keeping the other parameters. */
export function listHref(path: string, q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * What a bulk award's review step will grant: the companies chosen (ticked on a page, or every
 * company of the searched list) that are still candidates, in the list's order, at most `max`
 * (one grant's bound). `count` is what the confirmation says; `wanted` how many were asked.
 */
export function resolveSelection<T extends { companyId: string; nameEn: string; nameZh: string }>(
  candidates: readonly T[],
  choice: { all: true; q?: string } | { all: false; ids: readonly string[] },
  max: number,
): { rows: T[]; count: number; wanted: number; capped: boolean } {
  const chosen = choice.all
    ? searchByName(candidates, choice.q)
    : candidates.filter((c) => choice.ids.includes(c.companyId));
  const rows = chosen.slice(0, max);
  return { rows, count: rows.length, wanted: chosen.length, capped: chosen.length > max };
}
