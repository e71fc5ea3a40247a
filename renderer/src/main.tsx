import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, optionsFromUrl } from './App';
import { createClient } from './api/client';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={createClient(window)} options={optionsFromUrl(window.location.search)} />
    </StrictMode>,
  );
}
// Kiosk: no context menu, no pinch zoom, no drag-out of the photo.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('dragstart', (e) => e.preventDefault());
