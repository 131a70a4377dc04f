/** Small pieces the statistics pages share (issue 14): audience and status labels, figures. */
import { industryLabel } from "~/companies/schema";
import { useTranslation } from "~/i18n/use-translation";
import { formatNumber } from "~/lib/format";
import { useLocale } from "~/lib/root-data";
import type { Figure, FormField } from "./forms";

export function AudienceLabel({ audience }: { audience: string }) {
  const { t } = useTranslation("statistics");
  const locale = useLocale();
  if (audience.startsWith("industry:"))
    return <>{t("audiences.industry", { industry: industryLabel(audience.slice(9), locale) })}</>;
  if (audience === "residents" || audience === "incubatees" || audience === "all")
    return <>{t(`audiences.${audience}`)}</>;
  return <>{audience}</>;
}

const TONE: Record<string, string> = {
  open: "badge-muted",
  draft: "badge-muted",
  submitted: "badge-warning",
  returned: "badge-danger",
  accepted: "badge-success",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("statistics");
  const known = ["open", "draft", "submitted", "returned", "accepted"].includes(status);
  return (
    <span className={`badge ${TONE[status] ?? "badge-muted"}`}>
      {known ? t(`statuses.${status as "open"}`) : status}
    </span>
  );
}

/** A figure as people read it: numbers with the locale's separators and the unit. */
export function useFigureText() {
  const locale = useLocale();
  return (field: FormField, value: Figure | undefined): string => {
    if (value === undefined || value === "") return "—";
    if (typeof value === "string") return value;
    const digits = field.type === "integer" ? 0 : undefined;
    const n = formatNumber(value, locale, digits);
    return field.unit ? `${n} ${field.unit}` : n;
  };
}

/** A figure as it goes back into an input. */
export function figureInput(value: Figure | undefined): string {
  return value === undefined ? "" : String(value);
}
