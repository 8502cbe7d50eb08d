import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayName } from '$lib/image/displayName';

describe('displayName', () => {
	it.each([
		['cat.jpg', 'cat.jpg'],
		['  my   holiday\tphoto.png ', 'my holiday photo.png'],
		// U+202E RIGHT-TO-LEFT OVERRIDE would show "gnp.live.jpg" for this name
		['gpj.\u202Elive.png', 'gpj.live.png'],
		// embeddings, isolates, marks, zero-width characters, a newline
		['a\u202Ab\u202Cc\u2066d\u2069e\u200Ff\u200Bg\u061C\nh.jpg', 'abcdefg h.jpg'],
		['', '']
	])('%j → %j', (name, expected) => {
		expect(displayName(name)).toBe(expected);
	});

	it('shortens a long name in the middle, keeping its start and its extension', () => {
		const name =
			'IMG_20240615_181233_HDR_portrait_mode_final_version_edited_for_the_workshop_slides_' +
			'copy_of_copy_(3)_really_final_please_use_this_one_thanks_a_lot_v12.jpeg';
		expect(name.length).toBeGreaterThan(130);
		const shown = displayName(name);
		expect(Array.from(shown)).toHaveLength(DISPLAY_NAME_MAX);
		expect(shown).toBe('IMG_20240615_181233_HDR_port…ot_v12.jpeg');
	});

	it('counts characters, not UTF-16 units, and never splits one', () => {
		const name = `${'🐱'.repeat(50)}.png`;
		const shown = displayName(name, 20);
		expect(Array.from(shown)).toHaveLength(20);
		expect(shown).toBe(`${'🐱'.repeat(10)}…${'🐱'.repeat(5)}.png`);
		expect(shown.isWellFormed()).toBe(true);
	});

	it('a long "extension" is no extension: the name is cut like any other', () => {
		const shown = displayName(`photo.${'x'.repeat(60)}`, 20);
		expect(shown).toBe(`photo.${'x'.repeat(7)}…${'x'.repeat(6)}`);
	});

	it('bidi controls are removed before measuring, so they cannot hide in the cut', () => {
		expect(displayName(`${'\u202E'.repeat(100)}cat.jpg`)).toBe('cat.jpg');
	});
});
