/**
 * Query parameters the app shell owns on every lab: which image is shown, which TF.js backend
 * runs, the working size images are scaled to, and the presenter settings (projector mode,
 * explanations shown or hidden, colour contrast). Labs pass SHARED_KEYS as
 * `allowUnknown` so these raise no notice. They travel with every in-app link (see
 * shellLinks.svelte.ts), so the address bar reproduces the screen on every page.
 */
import type { BackendRequest } from '$lib/engine/backendChoice';
import { DEFAULT_SAMPLE_ID, SAMPLES } from '$lib/image/sampleCatalogue';
import { enumField, intChoiceField, sampleField } from './fields';
import type { Field, StateOf } from './urlSchema';

export const BACKEND_CHOICES = [
	'auto',
	'webgl',
	'wasm',
	'cpu'
] as const satisfies readonly BackendRequest[];
/** Longer image side in pixels after downscaling (DESIGN: default 512). */
export const WORKING_SIZES = [128, 256, 512, 768, 1024] as const;

/**
 * `img` values that name no sample: the sender's screen showed their own image, which never
 * leaves their device. A link carrying one opens on the default sample, with a notice, instead
 * of silently showing a different picture than the sender saw.
 */
export const PRIVATE_IMAGES = ['upload', 'webcam'] as const;
export type PrivateImage = (typeof PRIVATE_IMAGES)[number];

const samples = sampleField(
	SAMPLES.map((s) => s.id),
	DEFAULT_SAMPLE_ID
);

/** A sample id, or one of PRIVATE_IMAGES. */
const imageField: Field<string> = {
	default: samples.default,
	parse: (raw) => samples.parse(raw) ?? PRIVATE_IMAGES.find((value) => value === raw),
	serialize: (value) => value,
	expected: `${samples.expected} or ${PRIVATE_IMAGES.join(' or ')}`
};

/** `present=1`: projector mode, the key the workshop tools name. Written as 1, absent when off. */
const presentField: Field<boolean> = {
	default: false,
	parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
	serialize: (value) => (value ? '1' : '0'),
	expected: '1 (projector mode) or 0'
};

/**
 * `explain=0`: the written explanations hidden, so a projected screen shows only the pictures
 * (the instructor talks instead). Shown by default; written as 0, absent when shown.
 */
const explainField: Field<boolean> = {
	default: true,
	parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
	serialize: (value) => (value ? '1' : '0'),
	expected: '0 (explanations hidden) or 1'
};

/** `contrast=high`: colour scales and lines with more contrast, for a washed-out projector. */
export const CONTRAST_CHOICES = ['normal', 'high'] as const;

export const sharedSchema = {
	img: imageField,
	backend: enumField(BACKEND_CHOICES, 'auto'),
	size: intChoiceField(WORKING_SIZES, 512),
	present: presentField,
	explain: explainField,
	contrast: enumField(CONTRAST_CHOICES, 'normal')
};

export type SharedSchema = typeof sharedSchema;
export type SharedState = StateOf<SharedSchema>;

/** Presenter settings (present, explain, contrast) are shared keys too: a room sees what the instructor sees. */
export const SHARED_KEYS: readonly (keyof SharedSchema)[] = [
	'img',
	'backend',
	'size',
	'present',
	'explain',
	'contrast'
];

/**
 * What a notice says when a link's image is not here. For an upload this is also what a reload
 * says after "Forget my images": so it says nothing about whose upload it was.
 */
export function privateImageNotice(img: PrivateImage): string {
	if (img === 'upload')
		return "This link's image was an upload: uploads never leave the device they were picked on, and none is kept in this browser, so a sample stands in.";
	return "The sender's webcam picture is not shared (it never leaves their device); a sample stands in.";
}

/**
 * The sample to load for a parsed `img`: itself, or the default sample with a notice when the
 * link named a private image.
 */
export function sampleToShow(img: string): { sampleId: string; notice: string | null } {
	const reserved = PRIVATE_IMAGES.find((value) => value === img);
	if (reserved) return { sampleId: DEFAULT_SAMPLE_ID, notice: privateImageNotice(reserved) };
	return { sampleId: img, notice: null };
}

/** The shared keys of `params` only, in schema order, as a query string without '?'. */
export function sharedQueryOf(params: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams();
	for (const key of SHARED_KEYS) {
		const value = params.get(key);
		if (value !== null) out.set(key, value);
	}
	return out;
}

/** Every key of `params` except the shared ones: a lab's own settings. */
export function ownQueryOf(params: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams();
	for (const [key, value] of params) {
		if (!(SHARED_KEYS as readonly string[]).includes(key)) out.append(key, value);
	}
	return out;
}

/**
 * The address of an in-app page carrying the shared settings (`shared`, URL text) and, for a
 * lab, its own last settings (`own`, URL text; any shared keys in it are dropped): `path` + '?' +
 * own + shared, so the shell's current settings always win.
 */
export function linkWithQuery(path: string, shared: string, own = ''): string {
	const query = ownQueryOf(new URLSearchParams(own));
	for (const [key, value] of new URLSearchParams(shared)) query.set(key, value);
	const text = query.toString().replaceAll('%2C', ',');
	return text ? `${path}?${text}` : path;
}

/** A lab's own settings from a query string (`?k=5&img=cat` → `k=5`), as URL text. */
export function ownQueryText(search: string): string {
	return ownQueryOf(new URLSearchParams(search)).toString();
}
