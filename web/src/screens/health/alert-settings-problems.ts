import { ApiError, errorMessage, sentence } from '../../api/api-error';

/** A failed save, split by the field each problem belongs to; what belongs to no field is `general`. */
export interface AlertSettingsProblems {
  smtpConnectionId?: string;
  recipients?: string;
  general?: string;
}

/**
 * The server names problems by JSON pointer (`/smtpConnectionId`, `/recipients/2`); a recipient's problem
 * names the address too, since the field shows them all.
 */
export function alertSettingsProblems(error: unknown, recipients: readonly string[]): AlertSettingsProblems {
  if (!error) return {};
  if (!(error instanceof ApiError) || error.problems.length === 0) return { general: errorMessage(error) };
  const problems: AlertSettingsProblems = {};
  const add = (field: keyof AlertSettingsProblems, text: string) => {
    problems[field] = problems[field] ? `${problems[field]} ${text}` : text;
  };
  for (const problem of error.problems) {
    const recipient = /^\/recipients\/(\d+)$/.exec(problem.path);
    if (problem.path === '/smtpConnectionId') add('smtpConnectionId', sentence(problem.message));
    else if (recipient) add('recipients', sentence(`recipient ${JSON.stringify(recipients[Number(recipient[1])] ?? `#${Number(recipient[1]) + 1}`)}: ${problem.message}`));
    else if (problem.path === '/recipients') add('recipients', sentence(problem.message));
    else add('general', sentence(`${problem.path || '/'}: ${problem.message}`));
  }
  return problems;
}
