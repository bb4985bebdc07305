import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

// In a browser the app shell is cached by a service worker, so a reload works offline.
// Electron loads it from disk and needs none.
if (!window.pos && window.location.protocol.startsWith('http')) {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
