const common = {
  site: {
    name: "Zizhu Park Portal",
    parkName: "Zizhu High-Tech Park",
    tagline: "Shanghai · Minhang",
    skipToContent: "Skip to main content",
  },
  table: {
    /** Heading of a column of buttons and links. */
    actions: "Actions",
  },
  nav: {
    main: "Main",
    home: "Home",
    news: "News",
    park: "The Park",
    incubation: "Incubation",
    help: "Help centre",
    services: "Services",
    signIn: "Sign in",
    signUp: "Create account",
    account: "Your account",
    company: "Your company",
    admin: "Admin",
    desk: "Desk",
    mailbox: "Dev mailbox",
    signOut: "Sign out",
    menu: "Menu",
    userMenu: "Your account menu",
    notificationsUnread: "{{label}}, {{unread}} unread",
  },
  language: {
    label: "Language",
    switchTo: "简体中文",
    en: "English",
    "zh-CN": "简体中文",
  },
  footer: {
    about:
      "The web portal of Zizhu High-Tech Park, a national-level high-tech park in Minhang District, Shanghai.",
    address: "Minhang District, Shanghai, China",
    rights: "Zizhu High-Tech Park",
    health: "Service status",
  },
  form: {
    datePlaceholder: "YYYY-MM-DD",
    dateFormat: "year-month-day",
    pickDate: "Choose a date",
    errorSummaryTitle: "Please fix the following:",
    required: "required",
    optional: "optional",
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    submit: "Submit",
    confirm: "Confirm",
    back: "Back",
    controlChars:
      "This contains invisible control characters (for example from a copied document) that cannot be saved. Please remove them.",
    tooLong: "This is longer than allowed. Please shorten it; nothing has been saved yet.",
    requiredField: "Please fill in this field.",
    showPassword: "Show",
    hidePassword: "Hide",
  },
  errors: {
    badRequestTitle: "This address does not work",
    badRequestBody:
      "Part of the link is malformed or too long. Go back and try again, or start from the home page.",
    notFoundTitle: "Page not found",
    notFoundBody: "We could not find that page. It may have moved, or the link may be mistyped.",
    forbiddenTitle: "Not allowed",
    forbiddenBody: "Your account does not have access to this page.",
    unavailableTitle: "Temporarily unavailable",
    unavailableBody:
      "The portal cannot reach its database right now. Please try again in a minute.",
    serverTitle: "Something went wrong",
    serverBody: "An unexpected error stopped this page. It has been logged; please try again.",
    conflictTitle: "Changed by someone else",
    goHome: "Go to the home page",
    tooManyRequests: "Too many attempts. Please wait a moment and try again.",
    reference: "Reference: {{id}}",
    tooLargeTitle: "Too much at once",
    tooLargeBody:
      "What was sent is larger than the portal accepts. Please go back, shorten it or send a smaller file, and try again.",
  },
  home: {
    title: "Zizhu High-Tech Park",
    lead: "A national-level high-tech park in Minhang District, Shanghai, where companies grow from incubation to global reach.",
    ctaApply: "Apply for incubation",
    ctaServices: "Request a park service",
    ctaAccount: "Create an account",
    facts: "At a glance",
    factRank: "Comprehensive rank among 169 national high-tech parks (2020 evaluation)",
    factIntl: "Internationalization and global competition ability (2020)",
    factSustain: "Sustainable development ability (2020)",
    welcome: "Welcome back, {{name}}",
  },
  toast: {
    dismiss: "Dismiss",
  },
  time: {
    justNow: "just now",
  },
  refusals: {
    badRequestTitle: "This request could not be read",
    badRequestBody:
      "The address or the headers of this request are not valid. Check the address and try again.",
    localOnlyTitle: "This is a local demo",
    localOnlyBody:
      "This portal runs as a demo for this computer only and answers at localhost addresses. To offer it to other people, set PUBLIC_URL to the address they use (see the README).",
    crossSiteTitle: "Request refused",
    crossSiteBody:
      "This form was sent from another site. Open the page on the portal and send it from there.",
    lengthRequiredTitle: "The form arrived incomplete",
    lengthRequiredBody:
      "The form was sent without its length. Go back and send it again from the page.",
    tooLargeTitle: "What you sent is too large",
    tooLargeBody:
      "The portal accepts at most {{limit}} in one form. Go back, make the upload smaller or send fewer files, and try again.",
    unsupportedTitle: "This form could not be read",
    unsupportedBody:
      "The portal reads forms sent from its own pages only. Go back and send the form from the page.",
    back: "Back to the home page",
  },
} as const;

export default common;
