import type { SignInErrorCode } from '@switchyard/server/contracts';

const messages: Record<SignInErrorCode, { title: string; message: string }> = {
  NOT_INVITED: {
    title: 'This address is not invited',
    message: 'Switchyard has no user and no open invitation for the address your provider confirmed. Ask the owner to invite it, then try again.',
  },
  EMAIL_UNVERIFIED: {
    title: 'Your provider has not verified this address',
    message: 'Only an e-mail address the provider has verified can sign in. Verify it there (for GitHub: make a verified address primary), then try again.',
  },
  STATE_INVALID: {
    title: 'The sign-in could not be checked',
    message: 'It took longer than 10 minutes, was already used, or finished in another browser. Start again from this page.',
  },
  PROVIDER_DENIED: { title: 'The provider refused the sign-in', message: 'It was cancelled or not allowed at the provider. Try again, or sign in with your password.' },
  PROVIDER_UNAVAILABLE: { title: 'The provider cannot be reached', message: 'Try again shortly. If it persists, the server log says why.' },
  TOKEN_INVALID: { title: 'The provider’s answer failed a security check', message: 'Nobody was signed in. The server log has the details for the owner.' },
  TOO_MANY_SIGN_INS: { title: 'Too many sign-ins at once', message: 'The server is busy with other sign-ins. Try again in a few minutes.' },
  UNKNOWN_PROVIDER: { title: 'This sign-in option is not available', message: 'It was removed or turned off. Choose another way to sign in.' },
};

function isCode(code: string): code is SignInErrorCode {
  return Object.hasOwn(messages, code);
}

/** What the login page says for `?signInError=CODE`; null when there is none (an unknown code reads as a generic failure). */
export function signInErrorOf(search: string): { title: string; message: string } | null {
  const code = new URLSearchParams(search).get('signInError');
  if (code === null) return null;
  return isCode(code) ? messages[code] : { title: 'Sign-in failed', message: 'Try again, or sign in with your password.' };
}
