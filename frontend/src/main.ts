import { createApp } from 'vue';
import App from './App.vue';
import { createApiClient } from './api/client';
import { APP_STORE, createAppStore } from './stores/app';
import { applyDocumentLocale } from './i18n';
import { takeSetupToken } from './setupToken';
import { applyTheme } from './theme';
import './styles.css';

// Read the set-up token before anything else and take it out of the address bar.
const setupToken = takeSetupToken(window.location, window.history);
const store = createAppStore(createApiClient());

applyDocumentLocale();
applyTheme(); // the owner's light/dark choice, before the first paint
createApp(App, { setupToken }).provide(APP_STORE, store).mount('#app');
void store.refreshSession();
