import { describe, it, expect, expectTypeOf } from 'vitest';
import { convolutionSchema } from '$lib/state/convolutionState';
import {
	linkWithQuery,
	ownQueryOf,
	PRIVATE_IMAGES,
	sampleToShow,
	SHARED_KEYS,
	sharedQueryOf,
	sharedSchema,
	type SharedState
} from '$lib/state/sharedState';
import { defaultState, parseState, serializeState } from '$lib/state/urlSchema';
import { seededRandom as seeded } from '$lib/engine/seededRandom';
import { expectCleanNotice, HOSTILE_QUERY_VALUES } from './hostileQuery';

// The catalogue's ids, written out: they appear in shared URLs, so changing one is a breaking change.
const IDS = ['astronaut', 'cat', 'coffee', 'rocket', 'camera', 'brick', 'hubble', 'horse'];
const DEFAULTS: SharedState = {
	img: 'cat',
	backend: 'auto',
	size: 512,
	present: false,
	explain: true,
	contrast: 'normal'
};

const one = (key: string, raw: string) => new URLSearchParams([[key, raw]]);

describe('shared state', () => {
	it('owns img, backend, size and the presenter settings, defaulting to the cat, auto, 512, off, shown, normal', () => {
		expect(SHARED_KEYS).toEqual(['img', 'backend', 'size', 'present', 'explain', 'contrast']);
		expect(Object.keys(sharedSchema)).toEqual([...SHARED_KEYS]);
		expect(defaultState(sharedSchema)).toEqual(DEFAULTS);
		expect(serializeState(sharedSchema, DEFAULTS).toString()).toBe('');
	});

	it('types every key', () => {
		const state = defaultState(sharedSchema);
		expectTypeOf(state.img).toEqualTypeOf<string>();
		expectTypeOf(state.backend).toEqualTypeOf<'auto' | 'webgl' | 'wasm' | 'cpu'>();
		expectTypeOf(state.size).toEqualTypeOf<128 | 256 | 512 | 768 | 1024>();
		expectTypeOf(state.present).toEqualTypeOf<boolean>();
		expectTypeOf(state.explain).toEqualTypeOf<boolean>();
		expectTypeOf(state.contrast).toEqualTypeOf<'normal' | 'high'>();
	});

	it('names exactly the catalogue’s sample ids as accepted', () => {
		const match = /^a sample id \((.*)\) or upload or webcam$/.exec(sharedSchema.img.expected);
		expect(match?.[1].split(', ').sort()).toEqual([...IDS].sort());
		expect(PRIVATE_IMAGES).toEqual(['upload', 'webcam']);
	});

	it.each<[string, Partial<SharedState>]>([
		['backend=auto', { backend: 'auto', size: 512 }],
		['backend=webgl', { backend: 'webgl', size: 512 }],
		['backend=wasm&size=128', { backend: 'wasm', size: 128 }],
		['backend=cpu&size=1024', { backend: 'cpu', size: 1024 }],
		['size=256', { backend: 'auto', size: 256 }],
		['size=768', { backend: 'auto', size: 768 }],
		['img=horse&size=256', { img: 'horse', backend: 'auto', size: 256 }],
		['img=upload', { img: 'upload' }],
		['img=webcam&size=256', { img: 'webcam', size: 256 }],
		['present=1', { present: true }],
		['present=0', { present: false }],
		['present=1&img=coffee&size=768', { present: true, img: 'coffee', size: 768 }],
		['explain=0', { explain: false }],
		['explain=1', { explain: true }],
		['contrast=high', { contrast: 'high' }],
		['contrast=normal', { contrast: 'normal' }],
		['present=1&explain=0&contrast=high', { present: true, explain: false, contrast: 'high' }],
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
		['img', 'cat.jpg', sharedSchema.img.expected],
		['img', 'Upload', sharedSchema.img.expected],
		['img', 'uploads', sharedSchema.img.expected],
		['present', 'true', '1 (projector mode) or 0'],
		['present', 'yes', '1 (projector mode) or 0'],
		['present', '01', '1 (projector mode) or 0'],
		['present', '2', '1 (projector mode) or 0'],
		['explain', 'false', '0 (explanations hidden) or 1'],
		['explain', 'no', '0 (explanations hidden) or 1'],
		['contrast', 'HIGH', 'one of normal, high'],
		['contrast', '1', 'one of normal, high']
	])('ignores %s=%j', (key, raw, expected) => {
		const result = parseState(sharedSchema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toEqual([`Ignored ${key}="${raw}": expected ${expected}.`]);
	});

	it.each<[Partial<SharedState>, string]>([
		[{ img: 'astronaut' }, 'img=astronaut'],
		[{ img: 'cat', size: 128 }, 'size=128'],
		[{ size: 1024, img: 'hubble', backend: 'wasm' }, 'img=hubble&backend=wasm&size=1024'],
		[{ img: 'upload' }, 'img=upload'],
		[{ present: true }, 'present=1'],
		[{ present: false }, ''],
		[{ present: true, img: 'webcam', size: 256 }, 'img=webcam&size=256&present=1'],
		[{ explain: false }, 'explain=0'],
		[{ explain: true }, ''],
		[{ contrast: 'high', present: true }, 'present=1&contrast=high'],
		[{ contrast: 'normal' }, '']
	])('writes %j as %j', (changes, expected) => {
		expect(serializeState(sharedSchema, { ...DEFAULTS, ...changes }).toString()).toBe(expected);
	});

	it('round-trips 100 random valid states through the URL text', () => {
		const random = seeded(20240602);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
		for (let i = 0; i < 100; i++) {
			const state: SharedState = {
				img: pick([...IDS, 'upload', 'webcam']),
				backend: pick(['auto', 'webgl', 'wasm', 'cpu'] as const),
				size: pick([128, 256, 512, 768, 1024] as const),
				present: random() < 0.5,
				explain: random() < 0.5,
				contrast: pick(['normal', 'high'] as const)
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
		expect(shared.state).toEqual({ ...DEFAULTS, img: 'horse', backend: 'wasm', size: 256 });
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
	const HOSTILE = [
		...HOSTILE_QUERY_VALUES,
		'-0',
		'\u202ecat',
		'cat\u200b',
		'toString',
		'upload\u0000',
		' 1',
		'1 ',
		'\u202e1',
		'１'
	];
	const cases = SHARED_KEYS.flatMap((key) => HOSTILE.map((raw) => [key, raw] as const));

	it.each(cases)('%s=%j is ignored with a clean, short notice', (key, raw) => {
		const result = parseState(sharedSchema, one(key, raw));
		expect(result.state).toEqual(DEFAULTS);
		expect(result.notices).toHaveLength(1);
		expectCleanNotice(result.notices[0], key, raw, sharedSchema[key].expected);
	});

	it('survives percent-encoded garbage', () => {
		const text = 'img=%ZZ&backend=%C3%28&size=%00%01%1F512&present=%E2%80%AE1';
		const result = parseState(sharedSchema, new URLSearchParams(text));
		expect(result.state).toEqual(DEFAULTS);
		const keys = result.notices.map((notice) => /^Ignored (\w+)=/.exec(notice)?.[1]);
		expect(keys).toEqual(['img', 'backend', 'size', 'present']);
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

describe('links that keep the screen', () => {
	it.each([
		['cat', 'cat', null],
		['coffee', 'coffee', null],
		[
			'upload',
			'cat',
			"This link's image was an upload: uploads never leave the device they were picked on, and none is kept in this browser, so a sample stands in."
		],
		[
			'webcam',
			'cat',
			"The sender's webcam picture is not shared (it never leaves their device); a sample stands in."
		]
	])('img=%s shows sample %s', (img, sampleId, notice) => {
		expect(sampleToShow(img)).toEqual({ sampleId, notice });
	});

	it('splits a query into the shared keys and a lab’s own ones', () => {
		const params = new URLSearchParams('k=5&img=coffee&kernel=1,2,3&present=1&size=256&x=%3C');
		expect(sharedQueryOf(params).toString()).toBe('img=coffee&size=256&present=1');
		expect(ownQueryOf(params).toString()).toBe('k=5&kernel=1%2C2%2C3&x=%3C');
		expect(ownQueryOf(new URLSearchParams('img=cat&backend=cpu')).toString()).toBe('');
	});

	it.each([
		['/convolution/', '', undefined, '/convolution/'],
		['/convolution/', 'img=coffee', undefined, '/convolution/?img=coffee'],
		[
			'./convolution/',
			'img=coffee&present=1',
			'k=5&kernel=box',
			'./convolution/?k=5&kernel=box&img=coffee&present=1'
		],
		// a remembered query never overrides the shell's current shared settings
		['/convolution/', 'img=rocket', 'img=horse&k=7&size=128', '/convolution/?k=7&img=rocket'],
		['/', '', 'kernel=0,1,0', '/?kernel=0,1,0'],
		// presenter settings ride along like present does, and a lab's stale copy of them loses
		[
			'/pooling/',
			'present=1&explain=0&contrast=high',
			'pool=avg&explain=1',
			'/pooling/?pool=avg&present=1&explain=0&contrast=high'
		],
		// hostile remembered text stays encoded: it cannot break out of the query
		['/convolution/', '', 'k="><script>&#=1', '/convolution/?k=%22%3E%3Cscript%3E&%23=1']
	])('link to %s with shared %j and own %j is %s', (path, shared, own, expected) => {
		const link = linkWithQuery(path, shared, own);
		expect(link).toBe(expected);
		// what the link carries parses back to the same shared state
		const query = new URLSearchParams(link.split('?')[1] ?? '');
		expect(
			serializeState(
				sharedSchema,
				parseState(sharedSchema, query, [...query.keys()]).state
			).toString()
		).toBe(shared);
	});
});
