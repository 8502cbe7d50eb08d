import { describe, expect, it } from 'vitest';
import { exportFileName } from '$lib/export/fileName';

describe('exportFileName', () => {
	it.each([
		{
			parts: ['convolution', 'Sobel X', 'k3', 's1', 'same', 'd1', 'gray'],
			extension: 'png',
			name: 'convlab-convolution-sobel-x-k3-s1-same-d1-gray.png'
		},
		{ parts: ['convlab', 'pooling', 2], extension: '.NPY', name: 'convlab-pooling-2.npy' },
		{ parts: ['Réseau  Ünïcode', '', '  '], extension: 'csv', name: 'convlab-reseau-unicode.csv' },
		{ parts: ['a/b\\c', '../etc/passwd'], extension: 'svg', name: 'convlab-a-b-c-etc-passwd.svg' },
		{ parts: [0.5, -1], extension: 'png', name: 'convlab-0-5-1.png' },
		{
			parts: ['<script>alert(1)</script>'],
			extension: 'png',
			name: 'convlab-script-alert-1-script.png'
		},
		{ parts: [], extension: 'png', name: 'convlab.png' }
	])('$parts + $extension → $name', ({ parts, extension, name }) => {
		const result = exportFileName(parts, extension);
		expect(result).toBe(name);
		expect(result).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$/);
	});

	it.each(['', '.', '..', '—'])('throws for extension %j', (extension) => {
		expect(() => exportFileName(['x'], extension)).toThrow(/extension/);
	});
});
