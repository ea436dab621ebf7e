export interface OwnerForm {
  email: string;
  password: string;
  repeat: string;
}

export type OwnerFormProblems = Partial<Record<keyof OwnerForm, string>>;

/** The server's rules (an e-mail address, at least 10 characters) checked before sending, plus the repeat. */
export function ownerFormProblems(form: OwnerForm): OwnerFormProblems {
  const problems: OwnerFormProblems = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) problems.email = 'Enter an e-mail address, like you@example.com';
  if (form.password.length < 10) problems.password = 'Use at least 10 characters';
  else if (form.password.length > 1024) problems.password = 'Use at most 1024 characters';
  if (form.repeat !== form.password) problems.repeat = 'The two passwords differ';
  return problems;
}
