/** The investor's view of a project (issue 13, ADR 0029), for the investor and for staff. */
const investor = {
  list: {
    title: "My projects",
    lead: "The investment projects you follow with Zizhu High-Tech Park.",
    empty:
      "No project is linked to your account yet. When the park's investment promotion team invites you to follow your project, it appears here.",
  },
  detail: {
    where: "Where your project stands",
    steps: "The way from first contact to production",
    nextStep: "Next step",
    noNextStep: "The team will set the next step soon.",
    due: "by {{date}}",
    contact: "Your contact at the park",
  },
  stage: {
    new: {
      title: "Getting to know you",
      text: "The park has received your project and is learning what you plan. Your contact will be in touch to talk it through.",
    },
    qualified: {
      title: "Fit confirmed",
      text: "Your plans fit the park. The next step is usually a visit to see the site and available space.",
    },
    visit_planned: {
      title: "Visit planned",
      text: "A visit to the park is being arranged. You will find the date and place here.",
    },
    visited: {
      title: "Visited",
      text: "Thank you for visiting. The team is preparing what you asked about, such as space and terms.",
    },
    negotiating: {
      title: "Agreeing the terms",
      text: "You and the park are working out the terms of an agreement: space, support and timing.",
    },
    signed: {
      title: "Agreement signed",
      text: "The agreement is signed. The next step is registering your company in the park.",
    },
    registered: {
      title: "Registered in the park",
      text: "Your company is registered in the park. The team will help you prepare your move-in.",
    },
    moved_in: {
      title: "Moved in",
      text: "Welcome to the park. The service desk is there for anything your company needs.",
    },
    producing: {
      title: "In operation",
      text: "Your company is operating in the park. Congratulations.",
    },
    on_hold: {
      title: "Paused",
      text: "The project is paused for now. Write to your contact whenever you want to pick it up again.",
    },
    lost: {
      title: "Closed",
      text: "The park has closed this project. Write to your contact if your plans change.",
    },
  },
  visits: {
    title: "Visits",
    empty: "No visit is planned yet.",
  },
  units: {
    title: "Space offered",
    empty: "No space has been offered yet.",
  },
  thread: {
    title: "Messages",
    empty: "No messages yet.",
    label: "Your message",
    hintInvestor: "Your contact at the park reads this and gets an email.",
    hintPark:
      "Every investor who follows this project reads it and gets an email in their language.",
    send: "Send message",
    sending: "Sending…",
    you: "You",
    investor: "{{name}} (investor)",
    park: "The park",
    parkTeam: "{{name}}, Zizhu High-Tech Park",
  },
  documents: {
    title: "Documents",
    empty: "No documents yet.",
    choose: "Add a document",
    hint: "PDF, PNG, JPEG, Word, Excel or PowerPoint, up to 10 MB.",
    upload: "Upload document",
    uploading: "Uploading…",
    fromYou: "from you",
    fromInvestor: "from the investor",
    fromPark: "from the park",
  },
  access: {
    title: "Investor access",
    lead: "People with access see the stage, the next step, visits, space offered, documents and messages. Never the notes or the history.",
    none: "Nobody follows this project yet.",
    email: "Investor's email address",
    emailHint:
      "An account with this address gets access at once; anyone else gets an invitation to sign up.",
    locale: "Language of the invitation",
    localeHint: "Someone with an account gets emails in the language of their account.",
    link: "Give access",
    linking: "Giving access…",
    revoke: "Remove access",
    withdraw: "Withdraw invitation",
    revokeConfirm: "{{email}} will no longer see this project.",
    revokeYes: "Yes, remove",
    states: {
      linked: "Has access",
      pending: "Invited",
      expired: "Invitation expired",
      revoked: "Removed",
    },
  },
  staff: {
    title: "{{organisation}}: the investor's view",
    lead: "What you write and upload here, the investor sees on their project page.",
    open: "Investor's view",
  },
  join: {
    title: "Follow your project {{reference}}",
    lead: "The investment promotion team of Zizhu High-Tech Park invites you to follow the project of {{organisation}}: where it stands, the next step, documents and messages.",
    forEmail: "The invitation is for {{email}}.",
    expires: "It expires on {{date}}.",
    signInFirst: "Sign in, or create an account, with {{email}} to accept it.",
    signUp: "Create an account",
    signIn: "Sign in",
    otherAccount:
      "You are signed in as {{current}}. Sign out and sign in as {{email}} to accept this invitation.",
    accept: "Follow the project",
    accepting: "Accepting…",
    closedTitle: "This invitation cannot be used",
    invalid: "This invitation link is not valid. Ask your contact at the park for a new one.",
    expired: "This invitation has expired. Ask your contact at the park for a new one.",
    used: "This invitation has already been accepted. Sign in to see your projects.",
    revoked: "This invitation was withdrawn.",
    emailMismatch: "This invitation is for another email address.",
  },
  errors: {
    email: "Enter an email address such as name@example.com.",
    tooLong: "This is too long.",
    locale: "Choose a language.",
    message: "Write a message.",
    link: "This access was already removed.",
    alreadyLinked: "This account already follows the project.",
    fileEmpty: "Choose a file to upload.",
    fileTooLarge: "The file is larger than 10 MB.",
    fileType: "This type of file is not accepted: PDF, PNG, JPEG, Word, Excel or PowerPoint only.",
  },
  toast: {
    messageSent: "Message sent.",
    documentAdded: "Document uploaded.",
    joined: "You now follow this project.",
    linked: "The investor's account now has access; they were told by email.",
    invited: "Invitation sent.",
    revoked: "Access removed.",
  },
};

export default investor;
