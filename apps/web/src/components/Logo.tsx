import { Box } from '@mantine/core';

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Box
      aria-hidden
      w={size}
      h={size}
      style={{
        borderRadius: size / 4,
        background: 'var(--mantine-primary-color-filled)',
        color: 'white',
        display: 'grid',
        placeItems: 'center',
        fontWeight: 700,
        fontSize: size * 0.55,
        flex: 'none',
      }}
    >
      K
    </Box>
  );
}
