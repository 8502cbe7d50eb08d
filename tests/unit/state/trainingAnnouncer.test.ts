import { describe, expect, it } from 'vitest';
import { trainingAnnouncer, type TrainingMoment } from '../../../src/lib/state/trainingAnnouncer';

describe('trainingAnnouncer', () => {
	it('announces start, pause, a single step and a reset, and nothing for ticking numbers', () => {
		const announce = trainingAnnouncer(30_000);
		const said: (string | null)[] = [];
		const at = (m: TrainingMoment, t: number) => said.push(announce(m, t));
		at({ running: false, step: 0 }, 0);
		at({ running: false, step: 1, loss: 2.31 }, 100);
		at({ running: true, step: 1, loss: 2.31 }, 200);
		// 10 s of steps arriving 10 times a second: not one of them is announced
		for (let i = 0; i < 100; i++)
			at({ running: true, step: 2 + i, loss: 2 - i / 100 }, 300 + i * 100);
		at({ running: false, step: 101, loss: 1.0123, heldOut: 0.714 }, 10_400);
		at({ running: false, step: 0 }, 11_000);
		expect(said.filter((s) => s !== null)).toEqual([
			'One batch: step 1, loss 2.310.',
			'Training started at step 1.',
			'Training paused: step 101, loss 1.012, held-out accuracy 71.4 %.',
			'Reset to fresh random weights: step 0.'
		]);
		expect(said[0]).toBeNull();
	});

	it('gives one summary per period while training runs', () => {
		const announce = trainingAnnouncer(30_000);
		announce({ running: false, step: 0 }, 0);
		const said: string[] = [];
		for (let t = 0; t <= 95_000; t += 250) {
			const s = announce({ running: true, step: t / 250, loss: 1, heldOut: 0.5 }, t);
			if (s) said.push(s);
		}
		// started at 0, then summaries at 30 s, 60 s and 90 s: 4 changes in 95 s
		expect(said).toEqual([
			'Training started at step 0.',
			'Training: step 120, loss 1.000, held-out accuracy 50.0 %.',
			'Training: step 240, loss 1.000, held-out accuracy 50.0 %.',
			'Training: step 360, loss 1.000, held-out accuracy 50.0 %.'
		]);
	});

	it('a batch that lands after Pause updates the pause, and only a step the learner asked for is "One batch"', () => {
		const announce = trainingAnnouncer(30_000);
		const said: (string | null)[] = [];
		const at = (m: TrainingMoment) => said.push(announce(m, 0));
		at({ running: true, step: 40, stepsAsked: 0 });
		at({ running: false, step: 43, loss: 1.128, stepsAsked: 0 });
		at({ running: false, step: 44, loss: 0.702, stepsAsked: 0 }); // in flight when paused
		at({ running: false, step: 44, loss: 0.702, stepsAsked: 1 }); // Step one batch pressed…
		at({ running: false, step: 45, loss: 0.6, stepsAsked: 1 }); // …and its batch lands
		at({ running: false, step: 46, loss: 0.5, stepsAsked: 2 }); // pressed, landed at once
		expect(said.slice(1)).toEqual([
			'Training paused: step 43, loss 1.128.',
			'Training paused: step 44, loss 0.702.',
			null,
			'One batch: step 45, loss 0.600.',
			'One batch: step 46, loss 0.500.'
		]);
	});
});
