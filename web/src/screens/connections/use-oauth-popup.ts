import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { connectionKeys, useConnection } from './connections-api';

/** What the OAuth callback page posts to its opener (see the callback in connections-router.ts). */
interface CallbackMessage {
  type: 'switchyard:oauth';
  ok: boolean;
  connectionId?: string;
  message?: string;
}

const isCallbackMessage = (data: unknown): data is CallbackMessage =>
  typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'switchyard:oauth';

interface Pending {
  id: string;
  /** The connection's `updatedAt` before authorising: a newer one with a token means it worked. */
  since: number;
}

const pollMs = 1500;

/**
 * Connecting through the provider's page in a popup. The popup is opened at once (inside the click, so it is
 * not blocked) and pointed at the authorisation URL when the server has made one. The callback page reports
 * back by `postMessage`; when the provider's page cut the link to the opener, polling the connection while
 * the popup is open finds out all the same.
 */
export function useOAuthPopup() {
  const client = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const popup = useRef<Window | null>(null);
  const polled = useConnection(pending?.id ?? null, pending ? pollMs : false);

  const finish = useCallback(
    (ok: boolean, message: string | undefined) => {
      setPending(null);
      popup.current = null;
      void client.invalidateQueries({ queryKey: connectionKeys.all });
      notifications.show(
        ok
          ? { color: 'green', title: 'Connected', message: 'The app authorised the connection.' }
          : { color: 'red', title: 'Not connected', message: message ?? 'The provider did not authorise the connection.' },
      );
    },
    [client],
  );

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || !isCallbackMessage(event.data)) return;
      finish(event.data.ok, event.data.message);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [finish]);

  const current = polled.data;
  useEffect(() => {
    if (pending && current && current.id === pending.id && current.authorized && current.status === 'ok' && current.updatedAt > pending.since) {
      popup.current?.close();
      finish(true, undefined);
    }
  }, [pending, current, finish]);

  // Closed without finishing: stop waiting, and show whatever the connection is now.
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => {
      if (popup.current?.closed) {
        setPending(null);
        popup.current = null;
        void client.invalidateQueries({ queryKey: connectionKeys.all });
      }
    }, 500);
    return () => window.clearInterval(timer);
  }, [pending, client]);

  /** Call inside a click handler; `authorize` makes the URL (creating the connection or starting a reconnect). */
  const connect = useCallback(
    async (authorize: () => Promise<{ id: string; since: number; authorizeUrl: string | undefined }>) => {
      const opened = window.open('about:blank', 'switchyard-oauth', 'popup,width=600,height=720');
      try {
        const { id, since, authorizeUrl } = await authorize();
        if (authorizeUrl === undefined) {
          opened?.close();
          return;
        }
        if (!opened) {
          notifications.show({ color: 'yellow', title: 'Popup blocked', message: 'Allow popups for this site, then press Connect again.' });
          return;
        }
        opened.location.href = authorizeUrl;
        popup.current = opened;
        setPending({ id, since });
      } catch (error) {
        opened?.close();
        throw error;
      }
    },
    [],
  );

  return { connect, waitingFor: pending?.id ?? null };
}
