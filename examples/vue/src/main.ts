// The tracker comes first, as npm packages often do: the head script already gates it.
import { track } from '../../shared/stand-in-tracker.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App, { track }).mount('#app');
