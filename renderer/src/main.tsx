import './app/fonts.css';
import './app/global.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './api/client';
import { App } from './app/App';

// Read (and strip) the loopback token before anything else can see the address.
const client = connectToHost();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
