import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initKernels } from '../src';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles.css';
import { restoreAtStart, startSync } from './store/persistence';
import { startTheme } from './theme';
import { followSystemTheme } from './store/preferences';

startTheme();
followSystemTheme();
// The page paints first; the link or saved work is read in a worker and replaces the default state when ready.
startSync();
void restoreAtStart();

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}

// The WebAssembly SIMD kernels (a 5 KB module, ready in a few ms) load before the first paint, so every
// h′ on screen comes from one kernel. Should they take longer than a moment (a slow server), the page
// paints with the plain-JS kernel and later edits use the fast one once it is there.
const KERNEL_WAIT_MS = 1500;
const kernels = initKernels().then((kind) => {
  document.documentElement.dataset.kernels = kind; // 'wasm' or 'js': what the products run on (tests, benchmarks)
});
void Promise.race([kernels, new Promise((resolve) => setTimeout(resolve, KERNEL_WAIT_MS))]).then(render);
