import { useEffect, useState } from 'react';

/**
 * A modal mounted only while it is open never sees Mantine's opened → closed change, so Mantine's own focus
 * return never runs and focus falls to <body>. This hands focus back to whatever had it when the modal
 * appeared (read during the first render, before the modal's focus trap moves it).
 */
export function useFocusReturnOnUnmount(): void {
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      // After the unmount settles, and only if nothing else took focus meanwhile (a navigation, another dialog).
      setTimeout(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
      }, 0);
    },
    [opener],
  );
}
