import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';

/** One client for the app: client errors (4xx) are answers, not hiccups, so they are not retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});
