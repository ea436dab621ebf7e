import { Center, Loader } from '@mantine/core';

/** Shown while a screen's code or first data loads. */
export function PageLoader() {
  return (
    <Center h="60vh" aria-busy="true">
      <Loader aria-label="Loading" />
    </Center>
  );
}
