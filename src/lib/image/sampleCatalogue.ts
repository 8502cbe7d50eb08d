/** A photo shipped with the app, under static/. */
export interface Sample {
	id: string;
	/** Path relative to static/ (prefix SvelteKit's base path to fetch it). */
	file: string;
	/**
	 * Its 128×128 centre crop, for the sample buttons (3rem squares): a few KB to download and
	 * decode instead of the whole sample (scripts/make-samples.sh).
	 */
	thumb: string;
	title: string;
	/** Author / source, as the licence asks to name them. */
	credit: string;
	licence: string;
	/** Pixel size of the shipped file (already upright: the files carry no EXIF). */
	width: number;
	height: number;
}

// Made by scripts/make-samples.sh from scikit-image's sample data; sources and licences are
// listed in static/samples/CREDITS.md. A unit test checks the sizes against the files.
export const SAMPLES: readonly Sample[] = [
	{
		id: 'cat',
		file: 'samples/cat.jpg',
		thumb: 'samples/thumbs/cat.jpg',
		title: 'Chelsea the cat',
		credit: 'Stefan van der Walt',
		licence: 'CC0',
		width: 451,
		height: 300
	},
	{
		id: 'astronaut',
		file: 'samples/astronaut.jpg',
		thumb: 'samples/thumbs/astronaut.jpg',
		title: 'Astronaut Eileen Collins',
		credit: 'NASA',
		licence: 'Public domain',
		width: 512,
		height: 512
	},
	{
		id: 'coffee',
		file: 'samples/coffee.jpg',
		thumb: 'samples/thumbs/coffee.jpg',
		title: 'Coffee cup',
		credit: 'Rachel Michetti (Pikolo Espresso Bar)',
		licence: 'CC0',
		width: 512,
		height: 341
	},
	{
		id: 'rocket',
		file: 'samples/rocket.jpg',
		thumb: 'samples/thumbs/rocket.jpg',
		title: 'Falcon 9 launching DSCOVR',
		credit: 'SpaceX',
		licence: 'Public domain',
		width: 512,
		height: 342
	},
	{
		id: 'camera',
		file: 'samples/camera.jpg',
		thumb: 'samples/thumbs/camera.jpg',
		title: 'Cameraman (grayscale)',
		credit: 'Lav Varshney',
		licence: 'CC0',
		width: 512,
		height: 512
	},
	{
		id: 'brick',
		file: 'samples/brick.jpg',
		thumb: 'samples/thumbs/brick.jpg',
		title: 'Brick wall (grayscale texture)',
		credit: 'CC0Textures',
		licence: 'CC0',
		width: 512,
		height: 512
	},
	{
		id: 'hubble',
		file: 'samples/hubble.jpg',
		thumb: 'samples/thumbs/hubble.jpg',
		title: 'Hubble eXtreme Deep Field',
		credit: 'NASA',
		licence: 'Public domain',
		width: 512,
		height: 446
	},
	{
		id: 'horse',
		file: 'samples/horse.png',
		thumb: 'samples/thumbs/horse.png',
		title: 'Horse silhouette (transparent background)',
		credit: 'Andreas Preuss (marauder), openclipart',
		licence: 'CC0',
		width: 400,
		height: 328
	}
];

/** The sample a fresh visit starts with. */
export const DEFAULT_SAMPLE_ID = 'cat';

/** The sample with this id, or undefined (e.g. an unknown id from a shared URL). */
export function sampleById(id: string): Sample | undefined {
	return SAMPLES.find((sample) => sample.id === id);
}
