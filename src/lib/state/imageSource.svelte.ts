/**
 * The image every lab works on, shared across labs: a sample, an upload or webcam frames.
 * A failed load sets `error` and leaves the previous image in place (DESIGN: errors keep state).
 */
import { decodeImageFile, type SourceImage } from '$lib/image/decodeImage';
import { ImageError } from '$lib/image/imageError';
import { loadMark } from './loadMarks';
import { DEFAULT_SAMPLE_ID, sampleById } from '$lib/image/sampleCatalogue';

export type ImageOrigin = 'sample' | 'upload' | 'webcam';

class ImageSourceState {
	image = $state.raw<SourceImage | null>(null);
	origin = $state<ImageOrigin>('sample');
	sampleId = $state(DEFAULT_SAMPLE_ID);
	workingSize = $state(512);
	error = $state<string | null>(null);
	busy = $state(false);
	/**
	 * Counts the learner's own picks (an upload, a sample clicked, the webcam started), not
	 * loads the shell makes by itself: a lab that can show something else than this image (the
	 * segmentation lab's scene) switches to it on a new pick.
	 */
	picks = $state(0);
}

export const imageSource = new ImageSourceState();

let loadSequence = 0;

/** Run one load; only the newest load may replace the image (a slow sample must not win over a later upload). */
async function load(origin: ImageOrigin, task: () => Promise<SourceImage>): Promise<boolean> {
	const sequence = ++loadSequence;
	imageSource.busy = true;
	try {
		const image = await task();
		if (sequence !== loadSequence) return false;
		loadMark('image-decoded');
		imageSource.image = image;
		imageSource.origin = origin;
		imageSource.error = null;
		return true;
	} catch (error) {
		if (sequence !== loadSequence) return false;
		imageSource.error =
			error instanceof ImageError
				? error.message
				: `That image could not be used (${error instanceof Error ? error.message : String(error)}). Try another file, a sample, or the webcam.`;
		return false;
	} finally {
		if (sequence === loadSequence) imageSource.busy = false;
	}
}

let lastUpload: File | null = null;

export async function loadFile(file: File): Promise<boolean> {
	const loaded = await load('upload', () => decodeImageFile(file, imageSource.workingSize));
	if (loaded) lastUpload = file;
	return loaded;
}

/** Decode the last upload again, e.g. at a new working size; false when there is none. */
export function reloadUpload(): Promise<boolean> {
	return lastUpload ? loadFile(lastUpload) : Promise.resolve(false);
}

/** `url` is the sample's address under the app's base path (the caller resolves it with asset()). */
export function loadSample(id: string, url: string): Promise<boolean> {
	const sample = sampleById(id);
	if (!sample) {
		imageSource.error = `There is no sample called "${id.slice(0, 40)}". Pick one of the samples shown.`;
		return Promise.resolve(false);
	}
	return load('sample', async () => {
		loadMark('image-fetch');
		const response = await fetch(url);
		if (!response.ok) throw new Error(`the sample could not be loaded (HTTP ${response.status})`);
		const blob = await response.blob();
		const image = await decodeImageFile(
			new File([blob], sample.file.split('/').pop() ?? id),
			imageSource.workingSize
		);
		imageSource.sampleId = id;
		return { ...image, name: sample.title };
	});
}

/** A webcam frame replaces the image directly: frames are already decoded and sized. */
export function setFrame(image: SourceImage): void {
	loadSequence++;
	imageSource.image = image;
	imageSource.origin = 'webcam';
	imageSource.error = null;
	imageSource.busy = false;
}

/** The learner picked a new image (see `picks`). */
export function notePick(): void {
	imageSource.picks++;
}
