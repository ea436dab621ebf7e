/** A pill's chip text: `trigger.body.amount` → `Trigger · body.amount`, `steps.post.output.status` → `post · status`. */
export function pillLabel(path: string, pipes = ''): string {
  const suffix = pipes ? ` | ${pipes}` : '';
  const step = /^steps\.([a-z][a-z0-9_]*)\.output(?:\.|(?=\[)|$)(.*)$/.exec(path);
  if (step) return `${step[1]} · ${step[2] || 'output'}${suffix}`;
  const root = /^(trigger|loop)(?:\.|(?=\[)|$)(.*)$/.exec(path);
  if (root) return `${root[1] === 'trigger' ? 'Trigger' : 'Loop'} · ${root[2] || root[1]}${suffix}`;
  return `${path}${suffix}`;
}
