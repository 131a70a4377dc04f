/** Notifications (app/notifications): what happened to your requests, for you. */
const notifications = {
  title: "Notifications",
  empty: "No notifications.",
  markRead: "Mark all as read",
  unread: "New",
  kinds: {
    reply: "The park replied to {{ref}} ({{subject}})",
    state: "{{ref}} ({{subject}}) changed state",
    requester_reply: "The company replied to {{ref}} ({{subject}})",
    requester_state: "The company changed the state of {{ref}} ({{subject}})",
    assigned: "{{ref}} ({{subject}}) was assigned to you",
    filed: "New request {{ref}} ({{subject}}) for your team",
    breach: "SLA breached on {{ref}} ({{subject}})",
    breach_warning: "SLA due soon on {{ref}} ({{subject}})",
    rated: "{{ref}} ({{subject}}) was rated {{rating}} out of 5",
  },
};

export default notifications;
