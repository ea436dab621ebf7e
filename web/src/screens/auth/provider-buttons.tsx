import { Button, Divider, Stack } from '@mantine/core';
import type { SignInButton } from '@switchyard/server/contracts';
import { IconBrandGithub, IconBrandGoogle, IconKey } from '@tabler/icons-react';

const icons = { google: IconBrandGoogle, github: IconBrandGithub, oidc: IconKey };

/**
 * "Continue with …" for each configured provider. Plain links (a top-level navigation), so the provider's
 * page opens in this tab and comes back to the address the person was on.
 */
export function ProviderButtons({ providers, returnTo }: { providers: SignInButton[]; returnTo: string }) {
  if (providers.length === 0) return null;
  return (
    <Stack gap="xs">
      {providers.map((provider) => {
        const Icon = icons[provider.kind];
        return (
          <Button
            key={provider.id}
            component="a"
            href={`${provider.startUrl}?returnTo=${encodeURIComponent(returnTo)}`}
            variant="default"
            leftSection={<Icon size={18} aria-hidden />}
          >
            Continue with {provider.name}
          </Button>
        );
      })}
      <Divider label="or with your password" labelPosition="center" />
    </Stack>
  );
}
