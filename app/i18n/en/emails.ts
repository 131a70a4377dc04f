const emails = {
  signature: "Zizhu High-Tech Park · Park Portal",
  verifyEmail: {
    subject: "Confirm your email address",
    body: "Hello,\n\nPlease confirm your email address for the Zizhu Park Portal by opening this link:\n{{link}}\n\nThe link works for 24 hours. If you did not create an account, you can ignore this email: without the link, no account uses this address.",
  },
  changeEmail: {
    subject: "Confirm your new email address",
    body: "Hello,\n\nSomeone asked to use this address for their Zizhu Park Portal account. If it was you, confirm it by opening this link:\n{{link}}\n\nThe link works for 24 hours. If it was not you, ignore this email: nothing changes without the link.",
  },
  resetPassword: {
    subject: "Reset your password",
    body: "Hello,\n\nSomeone (we hope you) asked to reset the password of your Zizhu Park Portal account. Choose a new password here:\n{{link}}\n\nThe link works once, for one hour. If you did not ask for this, ignore this email: your password stays as it is.",
  },
  passwordChanged: {
    subject: "Your password was changed",
    body: "Hello,\n\nThe password of your Zizhu Park Portal account was just changed, and every other session was signed out. If this was not you, reset your password at once:\n{{link}}",
  },
  invitation: {
    subject: "An invitation to the Zizhu Park Portal",
    body: "Hello,\n\nYou are invited to join a company’s team on the Zizhu Park Portal, where companies apply for incubation and request park services. Open the invitation to see who invited you, and to accept it:\n{{link}}\n\nThe invitation expires on {{expires}}. If you did not expect it, you can ignore this email.",
  },
  addressInUse: {
    subject: "Your email address and the Zizhu Park Portal",
    body: "Hello,\n\nSomeone tried to create a Zizhu Park Portal account with this address, or to move an account to it. This address already has an account, so nothing changed.\n\nIf it was you, sign in here:\n{{signIn}}\n\nIf you forgot your password, reset it here:\n{{reset}}\n\nIf it was not you, you can ignore this email.",
  },
  incubationStatus: {
    subject: "{{call}}: your application is now “{{status}}”",
    body: "Hello {{name}},\n\nThe application of {{company}} to {{call}} is now “{{status}}”.{{message}}\n\nWhat happens next: {{next}}\n\nSee your application here:\n{{link}}",
  },
  incubationDecision: {
    subject: "{{call}}: a decision on your application",
    body: "Hello {{name}},\n\nThe park has decided on the application of {{company}} to {{call}}. Read the decision letter here:\n{{link}}",
  },
  incubationEnded: {
    subject: "{{call}}: {{status}}",
    body: "Hello {{name}},\n\nThe incubation of {{company}} in {{call}} has ended: {{status}}.{{message}}\n\n{{next}}\n\nSee the incubation here:\n{{link}}",
  },
  milestoneReminder: {
    subject: "Reminder: a milestone of your incubation is due on {{due}}",
    body: "Hello,\n\nThe milestone “{{milestone}}” of {{company}}'s incubation in {{programme}} is due on {{due}}. When it is done, mark it done on the portal with a short note (and the evidence, where the milestone asks for a document).\n\nYour milestones: {{link}}",
  },
  milestoneLate: {
    subject: "Overdue: a milestone of your incubation was due on {{due}}",
    body: "Hello,\n\nThe milestone “{{milestone}}” of {{company}}'s incubation in {{programme}} was due on {{due}} and is not marked done yet. Please mark it done on the portal, or tell the incubation team what stands in the way.\n\nYour milestones: {{link}}",
  },
  // Service requests (issue 5)
  serviceRequestFiled: {
    subject: "{{ref}}: we have received your request",
    body: "Hello {{name}},\n\nThe park has received your service request {{ref}} ({{subject}}). We expect to complete it by {{expected}} (Shanghai time), counting park working hours.\n\nFollow it, reply and add files here:\n{{link}}",
  },
  serviceRequestReply: {
    subject: "{{ref}}: a reply from the park",
    body: "Hello {{name}},\n\nThe park replied to your service request {{ref}} ({{subject}}):\n\n{{reply}}\n\nRead the whole conversation and answer here:\n{{link}}",
  },
  serviceRequestState: {
    subject: "{{ref}}: now {{state}}",
    body: "Hello {{name}},\n\nService request {{ref}} ({{subject}}) is now: {{state}}.\n\nSee the details here:\n{{link}}",
  },
  serviceRequestRequesterReply: {
    subject: "{{ref}}: the company replied",
    body: "Hello {{name}},\n\nThe requester of service request {{ref}} ({{subject}}) added a reply.\n\nOpen the request:\n{{link}}",
  },
  serviceRequestMerged: {
    subject: "{{ref}} was merged into {{target}}",
    body: "Hello {{name}},\n\nYour service request {{ref}} ({{subject}}) asks for the same as {{target}}, so the park merged it into {{target}}. Everything you sent stays readable there, and the park continues on {{target}}.\n\nFollow it here:\n{{link}}",
  },
  serviceRequestAssigned: {
    subject: "{{ref}} is assigned to you",
    body: "Hello {{name}},\n\nService request {{ref}} ({{subject}}) is now assigned to you.\n\nOpen the request:\n{{link}}",
  },
  serviceRequestBreach: {
    subject: "SLA breached: {{ref}}",
    body: "Hello {{name}},\n\nService request {{ref}} ({{subject}}) has passed its SLA due time.\n\nOpen the request:\n{{link}}",
  },
  serviceRequestWarning: {
    subject: "SLA due soon: {{ref}}",
    body: "Hello {{name}},\n\nService request {{ref}} ({{subject}}) falls due within two working hours.\n\nOpen the request:\n{{link}}",
  },
  serviceRequestEscalated: {
    subject: "A desk rule asks you to look at {{ref}}",
    body: "Hello {{name}},\n\nThe desk rule “{{rule}}” asks you to look at service request {{ref}} ({{subject}}).\n\nOpen the request:\n{{link}}",
  },
  // Promotion (issue 3)
  inquiryReceived: {
    subject: "{{reference}}: we have received your inquiry",
    body: "Hello,\n\nThank you for your interest in Zizhu High-Tech Park. We have received an inquiry from this address and gave it the reference {{reference}}; please quote it if you write to us again.\n\nA member of the investment promotion team will answer by email, usually within two working days. If you did not write to us, you can ignore this email.",
  },
  inquiryReply: {
    subject: "{{reference}}: a reply from Zizhu High-Tech Park",
    body: "Hello,\n\nThe park has replied to your inquiry {{reference}}:\n\n{{reply}}\n\nYou can answer this email to continue the conversation.",
  },
  projectReminder: {
    subject: "Your projects that need attention today",
    body: "Hello,\n\n{{count}} of your investment projects need a next step or attention:\n\n{{message}}\n\nAll of them in the pipeline: {{link}}",
  },
  reportTask: {
    subject: "Please report {{form}} for {{period}}",
    body: "Hello,\n\nThe park has opened the period {{period}} of {{form}}. Please fill it in by {{due}}; it starts from your last period's figures.\n\nFill it in: {{link}}",
  },
  reportReminder: {
    subject: "Reminder: {{form}} for {{period}} is due on {{due}}",
    body: "Hello,\n\nYour company's report {{form}} for {{period}} is not submitted yet and is due on {{due}}. Your draft is kept; it starts from your last period's figures.\n\nFill it in: {{link}}",
  },
  reportLate: {
    subject: "Late: {{form}} for {{period}}",
    body: "Hello,\n\nYour company's report {{form}} for {{period}} was due on {{due}} and is {{days}} day(s) late. The park's statistics for the period wait for it: please submit it as soon as you can, or reply to the statistics office if something stands in the way.\n\nFill it in: {{link}}",
  },
  reportEscalated: {
    subject: "Still missing: {{form}} for {{period}}",
    body: "Hello,\n\nYou receive this as an owner of the company: its report {{form}} for {{period}} was due on {{due}} and is now {{days}} days late. Please make sure it is submitted, or designate a colleague as reporter on the company's reports page.\n\nThe report: {{link}}",
  },
  projectInvestorInvite: {
    subject: "Follow your project {{reference}} with Zizhu High-Tech Park",
    body: "Hello,\n\nThe investment promotion team of Zizhu High-Tech Park invites you to follow your project {{reference}} on the Zizhu Park Portal: where it stands, the next step, visits, documents and messages with the team. Open the invitation, then sign in or create an account with this email address:\n{{link}}\n\nThe invitation expires on {{expires}}. If you did not expect it, you can ignore this email.",
  },
  projectInvestorLinked: {
    subject: "You can now follow your project {{reference}}",
    body: "Hello,\n\nThe investment promotion team of Zizhu High-Tech Park has given your account access to the project {{reference}}: where it stands, the next step, documents and messages with the team.\n{{link}}",
  },
  projectMessageToOwner: {
    subject: "The investor wrote on {{reference}}",
    body: "Hello,\n\nThe investor sent a message on the project {{reference}}. Read it and reply here:\n{{link}}",
  },
  projectDocumentToOwner: {
    subject: "The investor shared a document on {{reference}}",
    body: "Hello,\n\nThe investor uploaded a document to the project {{reference}}:\n{{link}}",
  },
  projectMessageToInvestor: {
    subject: "A message from Zizhu High-Tech Park on {{reference}}",
    body: "Hello,\n\nThe investment promotion team wrote on your project {{reference}}:\n\n{{message}}\n\nReply on the portal:\n{{link}}",
  },
  projectDocumentToInvestor: {
    subject: "A new document on your project {{reference}}",
    body: "Hello,\n\nThe investment promotion team of Zizhu High-Tech Park shared a document on your project {{reference}}. Download it on the portal:\n{{link}}",
  },
  projectLandedInvite: {
    subject: "Your company is now a resident of Zizhu High-Tech Park",
    body: "Hello,\n\nWelcome to Zizhu High-Tech Park: {{company}} is now a resident company, and the park's investment promotion team invites you to manage it on the Zizhu Park Portal, where residents file service requests, apply for programmes and invite colleagues. Accept the invitation:\n{{link}}\n\nThe invitation expires on {{expires}}.",
  },
  projectLandedOwner: {
    subject: "Your company is now a resident of Zizhu High-Tech Park",
    body: "Hello,\n\nWelcome to Zizhu High-Tech Park: {{company}} is now a resident company and your account is its owner on the Zizhu Park Portal. File service requests and invite colleagues here:\n{{link}}",
  },
  // Inbound mail that could not be posted (issue 17, ADR 0034); at most one a day per sender.
  inboundUnmatched: {
    subject: "Your email to the Zizhu Park Portal",
    body: "Hello,\n\nThank you for your email. We could not add it to a service request: the portal takes replies by email only from the person who filed the request, sent to the reply address of that request’s emails. Park staff can still read your message.\n\nTo ask for a service or follow a request, please use the portal:\n{{link}}\n\nThis is an automatic answer; you will get at most one a day.",
  },
  policyAward: {
    subject: "Awarded without applying: {{reference}}",
    body: "Hello,\n\nFrom the company file and figures the park holds, your company qualifies for {{policy}}, and the park has awarded it without an application ({{reference}}): {{amount}}.\n\nTo be paid, an owner of the company confirms the account the park pays into (account name, bank and account number) on the portal:\n{{link}}\n\nNothing else is needed.",
  },
  policyClaim: {
    subject: "Your policy claim {{reference}}: {{status}}",
    body: "Hello,\n\nYour claim {{reference}} is now: {{status}}.\n\n{{message}}\n\nSee it on the portal: {{link}}",
  },
  inboundClosed: {
    subject: "{{ref}} is closed",
    body: "Hello,\n\nThank you for your email about service request {{ref}}. That request is closed, so your reply was not added to it; park staff can still read it.\n\nIf you need more help, reopen the request or start a new one here:\n{{link}}\n\nThis is an automatic answer; you will get at most one a day.",
  },
  projectVisitPlanned: {
    subject: "Site visit to Zizhu High-Tech Park: {{ref}}",
    body: "Hello,\n\nA site visit to Zizhu High-Tech Park is planned for {{organisation}} (project {{ref}}).\n\nWhen: {{when}}\nWhere: {{place}}\nPark hosts: {{hosts}}\nVisitors: {{visitors}}\n\nAgenda:\n{{agenda}}\n\nThe calendar invitation is attached (invite.ics); open it to add the visit to your calendar, in your own time zone.\n\n{{link}}",
  },
  projectVisitUpdated: {
    subject: "Site visit changed: {{ref}}",
    body: "Hello,\n\nThe site visit of {{organisation}} (project {{ref}}) has changed. It now is:\n\nWhen: {{when}}\nWhere: {{place}}\nPark hosts: {{hosts}}\nVisitors: {{visitors}}\n\nAgenda:\n{{agenda}}\n\nThe attached invitation (invite.ics) updates the visit in your calendar.\n\n{{link}}",
  },
  projectVisitCancelled: {
    subject: "Site visit cancelled: {{ref}}",
    body: "Hello,\n\nThe site visit of {{organisation}} (project {{ref}}) on {{when}} at {{place}} is cancelled.\n\nReason: {{message}}\n\nThe attached cancellation (invite.ics) removes it from your calendar.\n\n{{link}}",
  },
  // Watchers and @mentions (issue 17, ADR 0056)
  serviceRequestMentioned: {
    subject: "You were mentioned on {{ref}}",
    body: "Hello {{name}},\n\n{{by}} mentioned you in an internal note on service request {{ref}} ({{subject}}). You now watch the request.\n\n{{note}}\n\nOpen the request:\n{{link}}",
  },
  serviceRequestWatchedMessage: {
    subject: "New message on {{ref}}",
    body: "Hello {{name}},\n\nThere is a new message ({{kind}}) on service request {{ref}} ({{subject}}), which you watch. Its state: {{state}}.\n\n{{excerpt}}\n\nOpen the request:\n{{link}}",
    kinds: {
      internal: "an internal note",
      public: "a reply to the requester",
      requester: "from the requester",
    },
  },
  serviceRequestWatchedState: {
    subject: "{{ref}} is now: {{state}}",
    body: "Hello {{name}},\n\nService request {{ref}} ({{subject}}), which you watch, is now: {{state}}.\n\nOpen the request:\n{{link}}",
  },
} as const;
export default emails;
