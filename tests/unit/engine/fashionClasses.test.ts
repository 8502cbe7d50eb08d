import { describe, expect, it } from 'vitest';
import * as light from '$lib/engine/fashionClasses';
import * as architecture from '$lib/engine/architectures/fashionClassifier';

describe('fashionClasses (the labels without tfjs-layers)', () => {
	it('equal the architecture’s labels and input side', () => {
		expect([...light.FASHION_CLASSES]).toEqual([...architecture.FASHION_CLASSES]);
		expect(light.FASHION_SIDE).toBe(architecture.FASHION_INPUT_SIZE);
	});
});
