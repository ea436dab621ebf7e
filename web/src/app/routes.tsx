import { createBrowserRouter, Navigate } from 'react-router';
import { AuthGate } from './auth-gate';
import { PageLoader } from './page-loader';
import { RouteError } from './route-error';

/**
 * Every screen is its own lazy chunk, so the first load carries only the shell. Each team adds its routes
 * here as one entry under `children` (a lazy import of its screen module).
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AuthGate />,
    HydrateFallback: PageLoader,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/recipes" replace /> },
      { path: 'recipes', lazy: async () => ({ Component: (await import('../screens/recipes/recipes-screen')).RecipesScreen }) },
      { path: 'recipes/:id', lazy: async () => ({ Component: (await import('../builder/builder-screen')).BuilderScreen }) },
      { path: 'runs', lazy: async () => ({ Component: (await import('../screens/runs/runs-screen')).RunsScreen }) },
      { path: 'runs/:id', lazy: async () => ({ Component: (await import('../screens/runs/run-screen')).RunScreen }) },
      { path: 'connections', lazy: async () => ({ Component: (await import('../screens/connections/connections-screen')).ConnectionsScreen }) },
      { path: 'health', lazy: async () => ({ Component: (await import('../screens/health/health-screen')).HealthScreen }) },
      { path: 'packs', lazy: async () => ({ Component: (await import('../screens/packs/packs-screen')).PacksScreen }) },
      { path: 'packs/:id', lazy: async () => ({ Component: (await import('../screens/packs/pack-screen')).PackScreen }) },
      { path: 'settings/users', lazy: async () => ({ Component: (await import('../screens/settings/users-screen')).UsersScreen }) },
      { path: 'settings/hooks', lazy: async () => ({ Component: (await import('../screens/hooks/outgoing-hooks-screen')).OutgoingHooksScreen }) },
      { path: '*', lazy: async () => ({ Component: (await import('./not-found-screen')).NotFoundScreen }) },
    ],
  },
]);
