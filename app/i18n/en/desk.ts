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
} as const;
export default desk;
