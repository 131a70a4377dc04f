/** Input kept across a sign-in (app/forms/kept-input.server.ts, ADR 0018). */
const kept = {
  title: "What you typed is kept",
  lead: "Your session had ended when you sent this. Nothing has been sent yet: check it, change it if you like, and send it now. It is kept on this browser for two hours.",
  none: "Nothing is waiting to be sent from this browser: it was sent or discarded, or two hours have passed.",
  home: "Go to the home page",
  onPage: "Sent from {{page}}",
  openPage: "Open that page instead",
  filesNotKept:
    "Files cannot be kept across a sign-in. Attach these again after sending: {{files}}",
  fieldsNotKept_one: "One field was too long to keep.",
  fieldsNotKept_other: "{{count}} fields were too long, or too many, to keep.",
  send: "Send it now",
  discard: "Discard",
  toast: {
    kept: "Your session had ended. What you typed is kept: sign in to send it.",
    notKept: "Your session had ended. Sign in to continue.",
    gone: "That form was already sent or discarded, or it has expired.",
    discarded: "Discarded.",
  },
};

export default kept;
