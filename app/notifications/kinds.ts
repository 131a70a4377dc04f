/** The kinds of notification (shared by the domain and the page). */

/** What happened; an unknown kind is shown as a state change. */
export const NOTIFICATION_KINDS = [
  "reply",
  "state",
  "requester_reply",
  "requester_state",
  "assigned",
  "filed",
  "breach",
  "breach_warning",
  "rated",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
