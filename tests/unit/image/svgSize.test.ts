import { describe, expect, it } from 'vitest';
import { readSvgSize, svgRenderSize } from '$lib/image/svgSize';
import { ascii } from './fixtures';

describe('readSvgSize', () => {
	it.each([
		['<svg width="120" height="80"/>', { width: 120, height: 80, intrinsic: true }],
		["<svg height='80' width='120px'></svg>", { width: 120, height: 80, intrinsic: true }],
		['<svg width="1in" height="72pt"/>', { width: 96, height: 96, intrinsic: true }],
		['<svg width="2.54cm" height="25.4mm"/>', { width: 96, height: 96, intrinsic: true }],
		['<svg width="200" viewBox="0 0 100 50"/>', { width: 200, height: 100, intrinsic: true }],
		['<svg height="30" viewBox="0,0,20,10"/>', { width: 60, height: 30, intrinsic: true }],
		['<svg viewBox="-5 -5 40 30"/>', { width: 40, height: 30, intrinsic: false }],
		[
			'<svg width="50%" height="50%" viewBox="0 0 4 3"/>',
			{ width: 4, height: 3, intrinsic: false }
		],
		[
			'<?xml version="1.0"?><!-- <svg width="1" height="1"> --><svg\n width="7"\n height="9">',
			{ width: 7, height: 9, intrinsic: true }
		],
		// stroke-width must not be read as width.
		['<svg stroke-width="3" width="10" height="20"/>', { width: 10, height: 20, intrinsic: true }]
	])('%s', (text, expected) => {
		expect(readSvgSize(ascii(text))).toEqual(expected);
	});

	it.each([
		'<svg/>',
		'<svg width="100%" height="100%"/>',
		'<svg width="0" height="10"/>',
		'<svg width="-4" height="10"/>',
		'<svg width="10em" height="10em"/>',
		'<svg viewBox="0 0 0 10"/>',
		'<svg viewBox="0 0 10"/>',
		'not svg at all'
	])('%s → null', (text) => {
		expect(readSvgSize(ascii(text))).toBeNull();
	});
});

describe('svgRenderSize', () => {
	it.each([
		['declared, small: native', { width: 120, height: 80, intrinsic: true }, 0, 0, 512, 120, 80],
		[
			'declared, large: fitted',
			{ width: 2000, height: 1000, intrinsic: true },
			0,
			0,
			512,
			512,
			256
		],
		[
			'declared fractional: rounded',
			{ width: 10.4, height: 0.2, intrinsic: true },
			0,
			0,
			512,
			10,
			1
		],
		[
			'viewBox only: longer side = working size',
			{ width: 24, height: 12, intrinsic: false },
			0,
			0,
			512,
			512,
			256
		],
		['nothing declared: browser natural size', null, 300, 150, 512, 300, 150],
		['nothing declared, huge natural size: fitted', null, 1024, 2048, 512, 256, 512],
		['nothing at all: working-size square', null, 0, 0, 256, 256, 256]
	] as const)('%s', (_label, declared, nw, nh, working, width, height) => {
		expect(svgRenderSize(declared, nw, nh, working)).toEqual({ width, height });
	});
});
