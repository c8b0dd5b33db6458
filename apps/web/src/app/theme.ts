import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import i18n from '../lib/i18n';

const fontStack =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"';

/**
 * Mantine's greys with a darker shade 6: it is the "dimmed" text colour (hints, labels, dates), and Mantine's #868e96
 * reaches only 3.3:1 on white; #626a73 keeps 4.5:1 (WCAG AA) on white and on the light greys 0-2 behind it.
 */
const gray = DEFAULT_THEME.colors.gray.map((c, i) => (i === 6 ? '#626a73' : c)) as unknown as MantineColorsTuple;

/** A palette with some shades replaced (by index). */
const shades = (base: MantineColorsTuple, dark: Record<number, string>) => base.map((c, i) => dark[i] ?? c) as unknown as MantineColorsTuple;

/**
 * Teal (won, done, customer) and red (overdue, lost, delete) with darker upper shades: white on the filled colour
 * (shade 7, the theme's primaryShade) and shade 7-9 text on white, grey 0 and the light tints reach 4.5:1; Mantine's
 * teal 7 (#0ca678) gave white text 3.1:1, red 7 (#f03e3e) red text 3.8:1.
 */
const teal = shades(DEFAULT_THEME.colors.teal, { 7: '#0b7a5a', 8: '#087556', 9: '#066b4f' });
const red = shades(DEFAULT_THEME.colors.red, { 7: '#d32f2f', 8: '#c92a2a', 9: '#b02525' });

/** Every close button Mantine draws (dialogs, drawers, toasts) gets a name in the user's language. */
const closeButton = () => ({ closeButtonProps: { 'aria-label': i18n.t('common.close') } });

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  colors: { gray, teal, red },
  fontFamily: fontStack,
  headings: { fontFamily: fontStack, fontWeight: '650' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Drawer: { defaultProps: () => ({ position: 'right', ...closeButton() }) },
    Modal: { defaultProps: closeButton },
    Notification: { defaultProps: closeButton },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});
