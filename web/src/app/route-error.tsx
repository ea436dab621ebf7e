import { Alert, Button, Container, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/api-error';

/** A screen that failed to load or a path that leads nowhere; never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={2}>{notFound ? 'Nothing here' : 'Something went wrong'}</Title>
        {notFound ? (
          <Text>This address does not lead to a screen.</Text>
        ) : (
          <Alert color="red" title="This screen could not be shown">
            {isRouteErrorResponse(error) ? error.statusText : errorMessage(error)}
          </Alert>
        )}
        <Button component={Link} to="/recipes" w="fit-content">
          Back to recipes
        </Button>
      </Stack>
    </Container>
  );
}
