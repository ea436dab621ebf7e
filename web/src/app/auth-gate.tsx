import { Alert, Button, Center, Stack } from '@mantine/core';
import { errorMessage } from '../api/api-error';
import { useAuthStatus } from '../api/auth';
import { LoginScreen } from '../screens/auth/login-screen';
import { SetupScreen } from '../screens/auth/setup-screen';
import { AppLayout } from './app-layout';
import { PageLoader } from './page-loader';

/** First start → create the owner; no session → sign in; otherwise the app. The address is kept throughout. */
export function AuthGate() {
  const status = useAuthStatus();
  if (status.error) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={420}>
          <Alert color="red" title="Switchyard cannot be reached">
            {errorMessage(status.error)}
          </Alert>
          <Button onClick={() => void status.refetch()}>Try again</Button>
        </Stack>
      </Center>
    );
  }
  if (!status.data) return <PageLoader />;
  if (status.data.setupRequired) return <SetupScreen />;
  if (!status.data.user) return <LoginScreen />;
  return <AppLayout user={status.data.user} />;
}
