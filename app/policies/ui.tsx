/** Shared parts of the policy pages: the benefit and the window in words. */
import type { Locale } from "~/i18n/i18n";
import { useTranslation } from "~/i18n/use-translation";
import { formatMoney } from "~/lib/format";
import type { WindowState } from "./criteria";

export function BenefitText({
  kind,
  maxMinor,
  rate,
  note,
  locale,
}: {
  kind: string;
  maxMinor: number | null;
  rate: number | null;
  note?: string;
  locale: Locale;
}) {
  const { t } = useTranslation("policies");
  const amount = maxMinor == null ? "" : formatMoney(maxMinor / 100, "CNY", locale);
  const main =
    kind === "amount"
      ? t("public.upTo", { amount })
      : kind === "rate"
        ? t("public.rate", { rate: rate ?? 0, amount })
        : "";
  return <>{[main, note].filter(Boolean).join(" · ")}</>;
}

export function WindowText({
  window,
  opensOn,
  deadline,
}: {
  window: WindowState;
  opensOn: string | null;
  deadline: string | null;
}) {
  const { t } = useTranslation("policies");
  const parts = [
    !opensOn && !deadline ? t("public.always") : t(`public.${window}`),
    opensOn && window === "upcoming" ? t("public.opens", { date: opensOn }) : "",
    deadline ? t("public.closes", { date: deadline }) : "",
  ];
  return <>{parts.filter(Boolean).join(" · ")}</>;
}
