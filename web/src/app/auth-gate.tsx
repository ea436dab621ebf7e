import { Alert, Button, Center, Stack } from '@mantine/core';
import { errorMessage } from '../api/api-error';
import { useAuthStatus, useMe } from '../api/auth';
import { LoginScreen } from '../screens/auth/login-screen';
import { SetupScreen } from '../screens/auth/setup-screen';
import { AppLayout } from './app-layout';
import { PageLoader } from './page-loader';

/** First start → create the owner; no session → sign in; otherwise the app. The URL is kept throughout. */
export function AuthGate() {
  const status = useAuthStatus();
  const me = useMe(status.data?.setupRequired === false);
  const failed = status.error ?? me.error;
  if (failed) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={420}>
          <Alert color="red" title="Switchyard cannot be reached">
            {errorMessage(failed)}
          </Alert>
          <Button onClick={() => void Promise.all([status.refetch(), me.refetch()])}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!status.data) return <PageLoader />;
  if (status.data.setupRequired) return <SetupScreen />;
  if (me.data === undefined) return <PageLoader />;
  if (me.data === null) return <LoginScreen />;
  return <AppLayout user={me.data} />;
}
