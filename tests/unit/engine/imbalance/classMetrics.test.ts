import { describe, expect, it } from 'vitest';
import { argmaxRows, classMetrics } from '../../../../src/lib/engine/imbalance/classMetrics';

describe('classMetrics', () => {
	// rows: true class, columns: predicted. Class 2 is never predicted, class 3 has no example.
	// prettier-ignore
	const counts = [
		3, 1, 0, 0,
		1, 2, 0, 0,
		1, 1, 0, 0,
		0, 0, 0, 0
	];
	const m = classMetrics(counts, 4);

	it('per class: precision, recall, F1 and support by hand', () => {
		const [c0, c1, c2, c3] = m.perClass;
		expect(c0.precision).toBeCloseTo(3 / 5, 12);
		expect(c0.recall).toBeCloseTo(3 / 4, 12);
		expect(c0.f1).toBeCloseTo(6 / 9, 12);
		expect(c0.support).toBe(4);
		expect(c1.precision).toBeCloseTo(2 / 4, 12);
		expect(c1.recall).toBeCloseTo(2 / 3, 12);
		expect(c1.f1).toBeCloseTo(4 / 7, 12);
		expect(c1.support).toBe(3);
		// never predicted: precision 0/0 is undefined (null), not 0 and not NaN; recall 0, F1 0
		expect(c2.precision).toBeNull();
		expect(c2.recall).toBe(0);
		expect(c2.f1).toBe(0);
		expect(c2.support).toBe(2);
		// the empty class: nothing is defined
		expect(c3).toEqual({ precision: null, recall: null, f1: null, support: 0, predicted: 0 });
	});

	it('accuracy, balanced accuracy (mean recall of present classes) and macro-F1', () => {
		expect(m.accuracy).toBeCloseTo(5 / 9, 12);
		expect(m.balancedAccuracy).toBeCloseTo((3 / 4 + 2 / 3 + 0) / 3, 12);
		expect(m.macroF1).toBeCloseTo((6 / 9 + 4 / 7 + 0) / 3, 12);
	});

	it('the accuracy paradox: always-negative on 98/2 data is 98 % accurate, its precision undefined', () => {
		const paradox = classMetrics([98, 0, 2, 0], 2);
		expect(paradox.accuracy).toBeCloseTo(0.98, 12);
		expect(paradox.perClass[1].precision).toBeNull();
		expect(paradox.perClass[1].recall).toBe(0);
		expect(paradox.balancedAccuracy).toBeCloseTo(0.5, 12);
	});

	it('an empty matrix has no accuracy', () => {
		expect(classMetrics([0, 0, 0, 0], 2).accuracy).toBeNull();
	});

	it('argmaxRows takes the first maximum', () => {
		expect(Array.from(argmaxRows(Float32Array.from([1, 3, 2, 5, 5, 0]), 3))).toEqual([1, 0]);
	});
});
