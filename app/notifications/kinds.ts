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
  // Incubation (issue 16): the company's application and offer, and the desk's side.
  "app_submitted",
  "app_withdrawn",
  "app_reinstated",
  "app_screening",
  "app_info",
  "app_review",
  "app_decision",
  "offer_made",
  "agreement_ready",
  "incubatee",
  "staff_app_submitted",
  "staff_review_submitted",
  "staff_review_revised",
  "staff_offer_accepted",
  "staff_offer_declined",
  "staff_agreement_signed",
  // Incubation after signing (ADR 0040): milestones and the end of the incubation.
  "milestone_accepted",
  "milestone_returned",
  "incubation_graduated",
  "incubation_exited",
  // Extensions at the end-of-incubation review (ADR 0055).
  "incubation_extended",
  "staff_milestone_submitted",
  // Milestone reminders (ADR 0045): before the due day and the day after, to the company; late ones to staff.
  "milestone_reminder",
  "milestone_late",
  "staff_milestone_late",
  // Comments on an incubatee's periodic reports (ADR 0049), to the company's reporters.
  "incubation_report_comment",
  // Mentors (ADR 0049): an incubatee assigned to a mentor.
  "mentor_assigned",
  // Company statistics (issue 14): a report to fill, and staff's decision on it.
  "report_task",
  "report_returned",
  "report_accepted",
  "report_reminder",
  "report_late",
  "project_message",
  "project_document",
  // Policies (issue 15): a claim's or award's new state.
  "policy_claim",
  "policy_award",
  // Service desk (issue 17, ADR 0038): a request merged into another; a rule's escalation.
  "merged",
  "escalated",
  // Watchers and @mentions (ADR 0056), staff only: their text is in the `desk` namespace.
  "mentioned",
  "watched_message",
  "watched_state",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds only desk staff receive, worded in the `desk` namespace (kept off public pages). */
export const DESK_NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "mentioned",
  "watched_message",
  "watched_state",
];
