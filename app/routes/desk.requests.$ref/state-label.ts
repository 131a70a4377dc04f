import { useStateLabel } from "~/service-requests/components";

/** A state as the desk words it ("waiting on requester" rather than the company's wording). */
export function useStaffStateLabel() {
  return useStateLabel(true);
}
