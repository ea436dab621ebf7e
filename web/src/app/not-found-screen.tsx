import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundScreen() {
  return (
    <Stack py="xl">
      <Title order={2}>Nothing here</Title>
      <Text>This address does not lead to a screen.</Text>
      <Button component={Link} to="/recipes" w="fit-content">
        Back to recipes
      </Button>
    </Stack>
  );
}
