import { useEffect, useState } from 'react';

type Status = { state: 'loading' } | { state: 'ready'; setupRequired: boolean } | { state: 'down' };

/** Until the builder lands: shows that the server is up and where its API is described. */
export function StatusPage() {
  const [status, setStatus] = useState<Status>({ state: 'loading' });

  useEffect(() => {
    fetch('/api/v1/auth/status')
      .then((response) => response.json() as Promise<{ setupRequired: boolean }>)
      .then((body) => setStatus({ state: 'ready', setupRequired: body.setupRequired }))
      .catch(() => setStatus({ state: 'down' }));
  }, []);

  return (
    <main style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: '36rem', margin: '4rem auto', padding: '0 1rem', color: '#1f2937' }}>
      <h1>Switchyard</h1>
      {status.state === 'loading' && <p>Connecting…</p>}
      {status.state === 'down' && <p role="alert">The server does not answer.</p>}
      {status.state === 'ready' && (
        <>
          <p data-testid="server-status">The server is running.</p>
          <p>
            {status.setupRequired
              ? 'No owner exists yet: create one with `pnpm switchyard users create --email you@example.com --password … --role owner`.'
              : 'Recipes are managed through the API and the CLI until the visual builder arrives.'}
          </p>
          <p>
            API reference: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
        </>
      )}
    </main>
  );
}
