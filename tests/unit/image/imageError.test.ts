import { describe, expect, it } from 'vitest';
import { ImageError, isImageError } from '$lib/image/imageError';

describe('ImageError', () => {
	it('carries a code, a user message and an optional cause', () => {
		const cause = new TypeError('decoder said no');
		const error = new ImageError('corrupt', 'This file is damaged. Choose another file.', {
			cause
		});
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('ImageError');
		expect(error.code).toBe('corrupt');
		expect(error.message).toBe('This file is damaged. Choose another file.');
		expect(error.cause).toBe(cause);
	});

	it.each([
		[new ImageError('empty', 'x'), true],
		[new Error('x'), false],
		[{ code: 'empty', message: 'x' }, false],
		[null, false],
		['empty', false]
	])('isImageError(%o) → %s', (value, expected) => {
		expect(isImageError(value)).toBe(expected);
	});
});
