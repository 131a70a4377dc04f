/**
 * Reports over service requests, in business (working) minutes: volumes, median first
 * response and resolution, share of SLAs met, satisfaction; and the public service levels
 * per category. Aggregates run in PostgreSQL (percentile_cont for medians).
 */
import { sql } from "kysely";
import type { Executor } from "#db/executor";
import type { VolumeRow } from "./reports";

export { sumBy, type VolumeRow } from "./reports";

export interface ReportRange {
  from: Date;
  to: Date;
}

/**
 * Requests filed per month (Shanghai time) by type and by the state each is in now: the one
 * query behind the volume charts, tables and the volume CSV. Months with no request are absent.
 */
export async function volumeOverTime(db: Executor, range: ReportRange): Promise<VolumeRow[]> {
  const rows = await sql<{ month: string; type: string; state: string; count: string }>`
    SELECT to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
      t.code AS type, r.state, count(*)::text AS count
    FROM service_request r JOIN service_type t ON t.id = r.type_id
    WHERE r.created_at >= ${range.from} AND r.created_at < ${range.to}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({
    month: r.month,
    type: r.type,
    state: r.state,
    count: Number(r.count),
  }));
}

export async function byType(db: Executor, range: ReportRange) {
  const rows = await sql<{
    code: string;
    name_en: string;
    name_zh: string;
    filed: string;
    resolved: string;
    median_first: number | null;
    median_resolution: number | null;
    sla_met: string;
    avg_rating: number | null;
    ratings: string;
  }>`
    SELECT t.code, t.name_en, t.name_zh,
      count(r.id)::text AS filed,
      count(r.resolution_minutes)::text AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.first_response_minutes) AS median_first,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.resolution_minutes) AS median_resolution,
      count(*) FILTER (WHERE r.resolution_minutes IS NOT NULL AND r.resolution_minutes <= r.resolution_target_minutes
        AND (r.first_response_minutes IS NULL OR r.first_response_minutes <= r.first_response_target_minutes))::text AS sla_met,
      avg(r.rating)::float8 AS avg_rating,
      count(r.rating)::text AS ratings
    FROM service_type t
    LEFT JOIN service_request r ON r.type_id = t.id AND r.created_at >= ${range.from} AND r.created_at < ${range.to}
    GROUP BY t.id ORDER BY t.position, t.code`.execute(db);
  return rows.rows.map((r) => ({
    code: r.code,
    nameEn: r.name_en,
    nameZh: r.name_zh,
    filed: Number(r.filed),
    resolved: Number(r.resolved),
    medianFirstMinutes: r.median_first === null ? null : Number(r.median_first),
    medianResolutionMinutes: r.median_resolution === null ? null : Number(r.median_resolution),
    slaMetShare: Number(r.resolved) ? Number(r.sla_met) / Number(r.resolved) : null,
    avgRating: r.avg_rating === null ? null : Number(r.avg_rating),
    ratings: Number(r.ratings),
  }));
}

/** Public: per category, requests resolved in the last 90 days, median resolution, satisfaction. */
export async function serviceLevels(db: Executor, now = new Date()) {
  const since = new Date(+now - 90 * 24 * 3600_000);
  const rows = await sql<{
    id: string;
    code: string;
    name_en: string;
    name_zh: string;
    resolved: string;
    median_resolution: number | null;
    avg_rating: number | null;
    ratings: string;
  }>`
    SELECT c.id, c.code, c.name_en, c.name_zh,
      count(r.id)::text AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.resolution_minutes) AS median_resolution,
      avg(r.rating)::float8 AS avg_rating,
      count(r.rating)::text AS ratings
    FROM service_category c
    LEFT JOIN service_request r ON r.category_id = c.id AND r.resolved_at >= ${since} AND r.resolution_minutes IS NOT NULL
    GROUP BY c.id ORDER BY c.position, c.code`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameEn: r.name_en,
    nameZh: r.name_zh,
    resolved: Number(r.resolved),
    medianResolutionMinutes: r.median_resolution === null ? null : Number(r.median_resolution),
    avgRating: r.avg_rating === null ? null : Number(r.avg_rating),
    ratings: Number(r.ratings),
  }));
}
