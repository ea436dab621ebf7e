const base = 'http://switchyard.invalid';

/**
 * Where to send the browser after a sign-in: a path of this server only, so a crafted `returnTo` cannot
 * make Switchyard redirect to another site (`//evil.example`, `/\evil.example`, `https://…`) or into the
 * API. Anything else becomes `/`.
 */
export function safeReturnPath(value: string | undefined | null): string {
  if (!value || value.length > 2000 || !value.startsWith('/')) return '/';
  // Browsers read a backslash as a slash and drop tabs and newlines, so `/\evil` or `/\t/evil` would leave the site.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith('//')) return '/';
  const url = new URL(value, base);
  if (url.origin !== base || url.pathname === '/api' || url.pathname.startsWith('/api/')) return '/';
  url.searchParams.delete('signInError');
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The return path with `?signInError=CODE` added, so the login page can say what went wrong. */
export function returnPathWithError(returnPath: string, code: string): string {
  const url = new URL(safeReturnPath(returnPath), base);
  url.searchParams.set('signInError', code);
  return `${url.pathname}${url.search}${url.hash}`;
}
