import { useTranslation } from "~/i18n/use-translation";
import type { RequestState } from "~/service-requests/workflow";

/** A state as the desk words it ("waiting on requester" rather than the company's wording). */
export function useStaffStateLabel() {
  const { t } = useTranslation("services");
  return (s: RequestState) =>
    s === "waiting_on_requester" ? t("staffStates.waiting_on_requester") : t(`states.${s}`);
}
