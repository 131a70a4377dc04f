const emails = {
  signature: "Zizhu High-Tech Park · Park Portal",
  verifyEmail: {
    subject: "Confirm your email address",
    body: "Hello {{name}},\n\nPlease confirm your email address for the Zizhu Park Portal by opening this link:\n{{link}}\n\nThe link works for 24 hours. If you did not create an account, you can ignore this email.",
  },
  changeEmail: {
    subject: "Confirm your new email address",
    body: "Hello {{name}},\n\nYou asked to use this address for your Zizhu Park Portal account. Confirm it by opening this link:\n{{link}}\n\nThe link works for 24 hours. Until you confirm, your old address stays in use.",
  },
  resetPassword: {
    subject: "Reset your password",
    body: "Hello {{name}},\n\nSomeone (we hope you) asked to reset the password of your Zizhu Park Portal account. Choose a new password here:\n{{link}}\n\nThe link works once, for one hour. If you did not ask for this, ignore this email: your password stays as it is.",
  },
  passwordChanged: {
    subject: "Your password was changed",
    body: "Hello {{name}},\n\nThe password of your Zizhu Park Portal account was just changed, and every other session was signed out. If this was not you, reset your password at once:\n{{link}}",
  },
  invitation: {
    subject: "{{inviter}} invites you to join {{company}} on the Zizhu Park Portal",
    body: "Hello,\n\n{{inviter}} invites you to join {{company}} on the Zizhu Park Portal, where companies apply for incubation and request park services.\n\nAccept the invitation here:\n{{link}}\n\nThe invitation expires on {{expires}}.",
  },
  incubationStatus: {
    subject: "{{call}}: your application is now “{{status}}”",
    body: "Hello {{name}},\n\nThe application of {{company}} to {{call}} is now “{{status}}”.{{message}}\n\nWhat happens next: {{next}}\n\nSee your application here:\n{{link}}",
  },
  incubationDecision: {
    subject: "{{call}}: a decision on your application",
    body: "Hello {{name}},\n\nThe park has decided on the application of {{company}} to {{call}}. Read the decision letter here:\n{{link}}",
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
  // Promotion (issue 3)
  inquiryReceived: {
    subject: "{{reference}}: we have received your inquiry",
    body: "Hello {{name}},\n\nThank you for your interest in Zizhu High-Tech Park. We have received your inquiry and gave it the reference {{reference}}; please quote it if you write to us again.\n\nA member of the investment promotion team will answer you by email, usually within two working days.",
  },
  inquiryReply: {
    subject: "{{reference}}: a reply from Zizhu High-Tech Park",
    body: "Hello {{name}},\n\nThe park has replied to your inquiry {{reference}}:\n\n{{reply}}\n\nYou can answer this email to continue the conversation.",
  },
} as const;
export default emails;
