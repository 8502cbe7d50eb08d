import { describe, expect, it } from 'vitest';
import { describeImage, type ImageJourney } from '$lib/image/describeImage';

const base = { name: 'cat.jpg', sourceWidth: 451, sourceHeight: 300, width: 451, height: 300 };

describe('describeImage', () => {
	it.each([
		['native size', base, 'cat.jpg · 451×300'],
		[
			'downscaled and rotated',
			{ ...base, sourceWidth: 3024, sourceHeight: 4032, width: 384, height: 512, orientation: 6 },
			'cat.jpg · 3024×4032 → 384×512 · EXIF rotated 90°'
		],
		['orientation 1 says nothing', { ...base, orientation: 1 }, 'cat.jpg · 451×300'],
		['mirrored', { ...base, orientation: 2 }, 'cat.jpg · 451×300 · EXIF mirrored'],
		['180°', { ...base, orientation: 3 }, 'cat.jpg · 451×300 · EXIF rotated 180°'],
		['270°', { ...base, orientation: 8 }, 'cat.jpg · 451×300 · EXIF rotated 270°'],
		[
			'transparency and a note',
			{ ...base, name: 'logo.svg', transparent: true, notes: ['SVG drawn as pixels'] },
			'logo.svg · 451×300 · transparency on white · SVG drawn as pixels'
		],
		[
			'a name with a right-to-left override cannot reorder the line',
			{
				...base,
				name: 'gnp.\u202Egpj.jpg',
				width: 64,
				height: 48,
				sourceWidth: 64,
				sourceHeight: 48
			},
			'gnp.gpj.jpg · 64×48'
		],
		[
			'a long name is shortened, keeping its extension',
			{ ...base, name: `${'holiday_'.repeat(17)}.png` },
			'holiday_holiday_holiday_holid…liday_.png · 451×300'
		]
	] as [string, ImageJourney, string][])('%s', (_label, journey, expected) => {
		expect(describeImage(journey)).toBe(expected);
	});
});
