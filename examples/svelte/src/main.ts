// The tracker comes first, as npm packages often do: the head script already gates it.
import { track } from '../../shared/stand-in-tracker.js';
import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')!, props: { track } });
