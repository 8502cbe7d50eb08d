import { describe, expect, it } from 'vitest';
import { backendPlan } from '../../../src/lib/engine/backendChoice';
import { rendererKind } from '../../../src/lib/engine/rendererKind';

const SWIFTSHADER =
	'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA =
	'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('rendererKind', () => {
	it.each([
		[SWIFTSHADER, 'software'],
		['llvmpipe (LLVM 15.0.6, 256 bits)', 'software'],
		['Mesa softpipe', 'software'],
		['Microsoft Basic Render Driver', 'software'],
		['Google SwiftShader', 'software'],
		[NVIDIA, 'hardware'],
		['Apple M2', 'hardware'],
		['Mali-G78', 'hardware'],
		['ANGLE (Intel, Intel(R) UHD Graphics 620, OpenGL 4.6)', 'hardware']
	])('%s → %s', (renderer, kind) => {
		expect(rendererKind(renderer)).toBe(kind);
	});

	it('no context at all is none', () => {
		expect(rendererKind(null)).toBe('none');
	});
});

describe('backendPlan', () => {
	it.each([
		{
			name: 'a real GPU runs WebGL first',
			probe: { renderer: NVIDIA, performanceCaveat: false, wasm: true },
			order: ['webgl', 'wasm', 'cpu'],
			reason: /GPU/
		},
		{
			// and after CPU: a stalled or failed WASM start falls back to the faster of the two
			name: 'software WebGL (SwiftShader) goes after WASM and CPU',
			probe: { renderer: SWIFTSHADER, performanceCaveat: false, wasm: true },
			order: ['wasm', 'cpu', 'webgl'],
			reason: /software-rendered.*WASM is faster/
		},
		{
			name: 'a context refused for a performance caveat counts as software',
			probe: { renderer: 'Generic Renderer', performanceCaveat: true, wasm: true },
			order: ['wasm', 'cpu', 'webgl'],
			reason: /software/
		},
		{
			name: 'no WebGL at all',
			probe: { renderer: null, performanceCaveat: false, wasm: true },
			order: ['wasm', 'cpu'],
			reason: /no WebGL/
		},
		{
			name: 'nothing but the CPU',
			probe: { renderer: null, performanceCaveat: false, wasm: false },
			order: ['cpu'],
			reason: /neither/
		}
	])('auto: $name', ({ probe, order, reason }) => {
		const plan = backendPlan('auto', probe);
		expect(plan.order).toEqual(order);
		expect(plan.reason).toMatch(reason);
	});

	it.each(['webgl', 'wasm', 'cpu'] as const)(
		'?backend=%s is tried first, then the rest',
		(name) => {
			const plan = backendPlan(name, {
				renderer: SWIFTSHADER,
				performanceCaveat: false,
				wasm: true
			});
			expect(plan.order[0]).toBe(name);
			expect(new Set(plan.order)).toEqual(new Set(['wasm', 'webgl', 'cpu']));
			expect(plan.reason).toContain(`?backend=${name}`);
		}
	);
});
