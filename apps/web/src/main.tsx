/// <reference types="vite/client" />
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { I18nextProvider } from 'react-i18next';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './app/styles.css';
import i18n, { i18nReady } from './lib/i18n';
import { queryClient } from './lib/query-client';
import { theme } from './app/theme';
import { router } from './app/router';
import { LoadFailed } from './app/route-states';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root missing');
const root = createRoot(rootElement);

function render(children: ReactNode): void {
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          {children}
        </MantineProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

// The first render waits for the initial language's translations (their own chunk); without them, a reload button.
i18nReady.then(
  () =>
    render(
      <>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </>,
    ),
  () => render(<LoadFailed fullPage />),
);
