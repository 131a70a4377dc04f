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
} as const;
export default emails;
