import { describe, it, expect, expectTypeOf } from 'vitest';
import { convolutionSchema } from '$lib/state/convolutionState';
import { SHARED_KEYS, sharedSchema, type SharedState } from '$lib/state/sharedState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { seededRandom as seeded } from '$lib/engine/seededRandom';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

// The catalogue's ids, written out: they appear in shared URLs, so changing one is a breaking change.
const IDS = ['astronaut', 'cat', 'coffee', 'rocket', 'camera', 'brick', 'hubble', 'horse'];
const DEFAULTS: SharedState = { img: 'cat', backend: 'auto', size: 512 };

const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);

describe('shared state', () => {
	it('owns img, backend and size, defaulting to the cat, auto and 512', () => {
		expect(SHARED_KEYS).toEqual(['img', 'backend', 'size']);
		expect(Object.keys(sharedSchema)).toEqual([...SHARED_KEYS]);
		expect(defaultState(sharedSchema)).toEqual(DEFAULTS);
		expect(serializeState(sharedSchema, DEFAULTS).toString()).toBe('');
	});

	it('types every key', () => {
		const state = defaultState(sharedSchema);
		expectTypeOf(state.img).toEqualTypeOf<string>();
		expectTypeOf(state.backend).toEqualTypeOf<'auto' | 'webgl' | 'wasm' | 'cpu'>();
		expectTypeOf(state.size).toEqualTypeOf<128 | 256 | 512 | 768 | 1024>();
	});

	it('names exactly the catalogue’s sample ids as accepted', () => {
		const match = /^a sample id \((.*)\)$/.exec(sharedSchema.img.expected);
		expect(match?.[1].split(', ').sort()).toEqual([...IDS].sort());
	});

	it.each<[string, Partial<SharedState>]>([
		['backend=auto', { backend: 'auto', size: 512 }],
		['backend=webgl', { backend: 'webgl', size: 512 }],
		['backend=wasm&size=128', { backend: 'wasm', size: 128 }],
		['backend=cpu&size=1024', { backend: 'cpu', size: 1024 }],
		['size=256', { backend: 'auto', size: 256 }],
		['size=768', { backend: 'auto', size: 768 }],
		['img=horse&size=256', { img: 'horse', backend: 'auto', size: 256 }],
		...IDS.map((id): [string, Partial<SharedState>] => [`img=${id}`, { img: id }])
	])('reads %j', (text, expected) => {
		expect(parseState(sharedSchema, new URLSearchParams(text))).toEqual({
			state: { ...DEFAULTS, ...expected },
			notices: []
		});
	});

	it.each([
		['backend', 'webgpu', 'one of auto, webgl, wasm, cpu'],
		['backend', 'WASM', 'one of auto, webgl, wasm, cpu'],
		['size', '500', 'one of 128, 256, 512, 768, 1024'],
		['size', '2048', 'one of 128, 256, 512, 768, 1024'],
		['size', '512.0', 'one of 128, 256, 512, 768, 1024'],
		['size', '0x200', 'one of 128, 256, 512, 768, 1024'],
		['img', 'dog', sharedSchema.img.expected],
		['img', '../../etc/passwd', sharedSchema.img.expected],
		['img', 'Cat', sharedSchema.img.expected],
		['img', 'cat.jpg', sharedSchema.img.expected]
	])('ignores %s=%j', (key, raw, expected) => {
		const result = parseState(sharedSchema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toEqual([`Ignored ${key}="${raw}": expected ${expected}.`]);
	});

	it.each<[Partial<SharedState>, string]>([
		[{ img: 'astronaut' }, 'img=astronaut'],
		[{ img: 'cat', size: 128 }, 'size=128'],
		[{ size: 1024, img: 'hubble', backend: 'wasm' }, 'img=hubble&backend=wasm&size=1024']
	])('writes %j as %j', (changes, expected) => {
		expect(serializeState(sharedSchema, { ...DEFAULTS, ...changes }).toString()).toBe(expected);
	});

	it('round-trips 100 random valid states through the URL text', () => {
		const random = seeded(20240602);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		for (let i = 0; i < 100; i++) {
			const state: SharedState = {
				img: pick(IDS),
				backend: pick(['auto', 'webgl', 'wasm', 'cpu'] as const),
				size: pick([128, 256, 512, 768, 1024] as const)
			};
			const text = serializeState(sharedSchema, state).toString();
			expect(parseState(sharedSchema, new URLSearchParams(text))).toEqual({
				state,
				notices: []
			});
		}
	});

	it('shares one URL with a lab: each side allows the other side’s keys', () => {
		const lab = convolutionSchema();
		const params = new URLSearchParams('img=horse&backend=wasm&k=5&size=256&typo=1');
		const shared = parseState(sharedSchema, params, Object.keys(lab));
		const labResult = parseState(lab, params, SHARED_KEYS);
		expect(shared.state).toEqual({ img: 'horse', backend: 'wasm', size: 256 });
		expect(shared.notices).toEqual(['Ignored unknown setting "typo".']);
		expect(labResult.state.k).toBe(5);
		expect(labResult.notices).toEqual(['Ignored unknown setting "typo".']);
	});

	it('reports img as unknown to a lab that is not told the shared keys', () => {
		const result = parseState(convolutionSchema(), new URLSearchParams('img=horse'));
		expect(result.state).toEqual(defaultState(convolutionSchema()));
		expect(result.notices).toEqual(['Ignored unknown setting "img".']);
	});
});

describe('hostile shared query values', () => {
	const HOSTILE = [...HOSTILE_QUERY_VALUES, '-0', '\u202ecat', 'cat\u200b', 'toString'];
	const cases = SHARED_KEYS.flatMap((key) => HOSTILE.map((raw) => [key, raw] as const));

	it.each(cases)('%s=%j is ignored with a clean, short notice', (key, raw) => {
		const result = parseState(sharedSchema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, sharedSchema[key].expected);
	});

	it('survives percent-encoded garbage', () => {
		const text = 'img=%ZZ&backend=%C3%28&size=%00%01%1F512';
		const result = parseState(sharedSchema, new URLSearchParams(text));
		expect(result.state).toEqual(DEFAULTS);
		const keys = result.notices.map((notice) => /^Ignored (\w+)=/.exec(notice)?.[1]);
		expect(keys).toEqual(['img', 'backend', 'size']);
		for (const notice of result.notices) expect(notice).not.toMatch(/\p{Cc}/u);
		expect(result.notices[0]).toBe(`Ignored img="%ZZ": expected ${sharedSchema.img.expected}.`);
	});

	it.each([
		['img=horse&img=coffee', 'coffee', []],
		['img=horse&img=dog', 'cat', [`Ignored img="dog": expected ${sharedSchema.img.expected}.`]]
	])('takes the last of repeated img keys in %j', (text, expected, invalid) => {
		const result = parseState(sharedSchema, new URLSearchParams(text));
		expect(result.state).toEqual({ ...DEFAULTS, img: expected });
		expect(result.notices).toEqual([
			'Setting "img" was given 2 times; only the last one is used.',
			...invalid
		]);
	});
});
