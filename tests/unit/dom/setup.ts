// Each test mounts into a fresh body: unmount what the last one rendered.
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// jsdom has no canvas: renderers get no 2-D context and return early, as they are written to,
// instead of jsdom printing "Not implemented" for every thumbnail.
HTMLCanvasElement.prototype.getContext = (() =>
	null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => cleanup());
