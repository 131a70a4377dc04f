const desk = {
  title: "Staff desk",
  lead: "Hello {{name}}. Everything you look after, in one place.",
  tools: {
    statistics: {
      title: "Company statistics",
      body: "Report forms, reporting periods, late reports and reviews.",
    },
    news: { title: "News desk", body: "Write, schedule and publish park news in both languages." },
    projects: {
      title: "Investment projects",
      body: "The promotion pipeline: stages, next steps, capital arrived.",
    },
    space: {
      title: "Space",
      body: "The park's units: availability, holds for projects, lettings.",
    },
    inquiries: {
      title: "Investment inquiries",
      body: "Answer visitors and investors, assign and follow up.",
    },
    incubation: {
      title: "Incubation",
      body: "Programmes, calls, screening, reviewers and decisions.",
    },
    review: { title: "My reviews", body: "Applications assigned to you for scoring." },
    mentoring: {
      title: "My incubatees",
      body: "The companies you mentor: milestones, periodic reports and your comments.",
    },
    requests: {
      title: "Service requests",
      body: "The platinum-service queue: triage, assign, reply and resolve.",
    },
    kb: {
      title: "Knowledge base",
      body: "Help articles, the suggestions companies see, and how many requests they saved.",
    },
    snippets: {
      title: "Canned replies",
      body: "Bilingual replies and macros for the composer, yours and the desk's.",
    },
    rules: {
      title: "Rules",
      body: "Route new requests, escalate late ones and chase those waiting too long, automatically.",
    },
    mail: {
      title: "Incoming mail",
      body: "Emails to the portal that need a person: unknown senders, closed requests.",
    },
    reports: {
      title: "Service reports",
      body: "Volumes, response and resolution times, SLA and satisfaction.",
    },
    claims: {
      title: "Policy claims",
      body: "Claims of every policy through their review stages, approvals and payments.",
    },
    policies: {
      title: "Policy library",
      body: "Policies with their eligibility, which companies match, claims and awards.",
    },
    companies: {
      title: "Companies",
      body: "Each company's file, its history and its timeline of applications and requests.",
    },
    admin: { title: "Administration", body: "Accounts, roles, companies and the audit log." },
  },
  mentors: {
    title: "Mentors",
    lead: "A mentor reads this incubatee's milestones and periodic reports and may comment on the reports; nothing of other incubatees.",
    none: "No mentor yet.",
    noCandidates:
      "Nobody holds the mentor role yet: an administrator grants it on the person's account page.",
    choose: "Mentor",
    assign: "Assign",
    remove: "Remove {{name}}",
    errors: {
      notFound: "This mentor is not assigned here.",
      notMentor: "Choose a person with the mentor role.",
    },
    toast: {
      assigned: "Mentor assigned: they have been notified.",
      removed: "Mentor removed.",
    },
    my: {
      title: "My incubatees",
      lead: "The companies the park asked you to mentor: their milestones and periodic reports. Comment on a report from its page.",
      empty: "No incubatee is assigned to you yet.",
      back: "← My incubatees",
      readOnly: "You read this incubation; the company and park staff act on it.",
    },
  },
  incubateeReport: {
    page: {
      title: "{{company}}: report for {{label}}",
      back: "← The incubatee",
      lead: "The figures the company handed in for its programme, and the programme's comments on them. The company's reporters see every comment.",
      notSubmitted:
        "The company has not handed this report in yet: its figures show here once it does.",
      statisticsLink: "Open it on the statistics desk",
      noComments: "No comments yet.",
      comment: "Your comment to the company",
      commentHelp:
        "The company's owners and reporters see it on their application page and are notified.",
      send: "Send the comment",
    },
    errors: {
      notFound: "This report is not there any more.",
      notSubmitted: "Comments can be written once the company has handed the report in.",
      bodyRequired: "Write the comment first.",
      tooLong: "The comment is too long (4,000 characters at most).",
    },
    toast: {
      commented: "Comment sent: the company has been notified.",
    },
  },
  policyPreview: {
    live: "Updates as you change the criteria.",
    updating: "Updating the preview…",
    invalid: "Correct the criteria to update the preview.",
    first: "The first {{shown}} of {{count}}.",
  },
  policyLists: {
    search: "Find a company",
    pages: "Pages",
    previous: "Previous",
    next: "Next",
    pageOf: "Page {{page}} of {{pages}} ({{count}} companies)",
    noneMatch: "No company matches “{{q}}”.",
    clearSearch: "Show every company",
    selectPage: "Select all on this page",
    selectNone: "Clear this page",
    pageHint:
      "Ticks count on this page only. To award every company in the list, on every page, review them all.",
    reviewAll: "Review all {{count}} companies in this list",
    more: "… and {{count}} more.",
    capped:
      "At most {{max}} awards are granted at once: these are the first {{max}} of {{count}}. Grant the rest afterwards.",
  },
  // Watchers and @mentions of service requests (issue 17, ADR 0056).
  notifications: {
    mentioned: "{{by}} mentioned you on {{ref}} ({{subject}})",
    watched_message: "New message on {{ref}} ({{subject}}), which you watch",
    watched_state: "{{ref}} ({{subject}}), which you watch, changed state",
  },
  watch: {
    title: "Watchers",
    lead: "Watchers are told of every message and state change.",
    none: "Nobody watches this request.",
    watch: "Watch this request",
    unwatch: "Stop watching",
    youWatch: "You watch this request.",
    viaMention: "(mentioned)",
    toastOn: "You now watch this request",
    toastOff: "You no longer watch this request",
    mentionHint:
      "In an internal note, type @ and a colleague's name to tell them (for example @{{name}}); they then watch the request.",
    suggestions: "Colleagues to mention",
  },
} as const;
export default desk;
