import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, optionsFromUrl } from './App';
import { createClient } from './api/client';
import { displayClient, isDisplayView } from './display/displayClient';
import { DisplayRoot } from './display/DisplayRoot';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const options = optionsFromUrl(window.location.search);
  // The hall display (/display) has its own connection, held to the display role by the host.
  createRoot(root).render(
    <StrictMode>{isDisplayView(window.location) ? <DisplayRoot api={displayClient(window)} lang={options.lang} /> : <App api={createClient(window)} options={options} />}</StrictMode>,
  );
}
// Kiosk: no context menu, no pinch zoom, no drag-out of the photo.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('dragstart', (e) => e.preventDefault());
