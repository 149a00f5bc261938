// The tracker comes first, as npm packages often do: the head script already gates it.
import { track } from '../../shared/stand-in-tracker.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App track={track} />
  </StrictMode>,
);
