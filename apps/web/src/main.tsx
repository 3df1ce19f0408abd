import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError, claimEarlyRequests, forgetEarlyRequests } from './api/client';
import { SessionProvider } from './api/session';
import { createRouter } from './app/routes';
import { I18nProvider, initialLocale, loadLanguage } from './i18n/i18n';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) is an answer, not a glitch: show it at once.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

claimEarlyRequests(); // before the router's loaders send the first page's requests
const router = createRouter(queries);
// The boot script's head start (boot/boot.ts) is for the first page only: what its loaders did not take is dropped.
if (router.state.initialized) forgetEarlyRequests();
else {
  const stopWatching = router.subscribe((state) => {
    if (!state.initialized) return;
    forgetEarlyRequests();
    stopWatching();
  });
}

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queries}>
        <I18nProvider>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
// English is a chunk of its own: the first render waits for it only when it was the language chosen last.
if (initialLocale() === 'en') void loadLanguage('en').then(render, render);
else render();
