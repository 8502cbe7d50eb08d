import { describe, expect, it } from 'vitest';
import {
	queryBatch,
	type QueryBatchTimers,
	type QueryChanges
} from '../../../src/lib/state/queryBatch';

/** A hand-driven clock: `advance(ms)` runs every timer that falls due, in order. */
function fakeClock(): QueryBatchTimers & { advance(ms: number): void } {
	let now = 0;
	let next = 1;
	const timers = new Map<number, { at: number; run: () => void }>();
	return {
		now: () => now,
		setTimeout(run, ms) {
			const id = next++;
			timers.set(id, { at: now + ms, run });
			return id;
		},
		clearTimeout(handle) {
			timers.delete(handle as number);
		},
		advance(ms) {
			const end = now + ms;
			for (;;) {
				const due = [...timers.entries()]
					.filter(([, t]) => t.at <= end)
					.sort((a, b) => a[1].at - b[1].at)[0];
				if (!due) break;
				timers.delete(due[0]);
				now = due[1].at;
				due[1].run();
			}
			now = end;
		}
	};
}

/** The address bar as a plain query string, changed as urlQuery applies a batch. */
function addressBar(
	clock: ReturnType<typeof fakeClock>,
	options = { delayMs: 150, maxWaitMs: 500 }
) {
	const bar = new URLSearchParams();
	const applied: { at: number; changes: Record<string, string | null> }[] = [];
	const batch = queryBatch(
		(changes: QueryChanges) => {
			applied.push({ at: clock.now(), changes: Object.fromEntries(changes) });
			for (const [key, value] of changes) {
				if (value === null) bar.delete(key);
				else bar.set(key, value);
			}
		},
		options,
		clock
	);
	return { bar, applied, batch };
}

const shellKeys = ['img', 'size'];
const shell = (img: string) => new URLSearchParams({ img });
const lab = (k: number) => new URLSearchParams({ k: String(k) });

describe('queryBatch', () => {
	it('drop: a navigation forgets the old screen’s pending keys, and only those', () => {
		const clock = fakeClock();
		const { bar, applied, batch } = addressBar(clock);
		batch.write(['k'], lab(7));
		batch.write(shellKeys, shell('cat'));
		batch.drop(['k']);
		clock.advance(200);
		expect(applied).toEqual([{ at: 150, changes: { img: 'cat', size: null } }]);
		expect(bar.has('k')).toBe(false);
	});

	it('coalesces a drag into one write once the controls are still for the delay', () => {
		const clock = fakeClock();
		const { bar, applied, batch } = addressBar(clock);
		for (let k = 1; k <= 5; k++) {
			batch.write(['k'], lab(k));
			clock.advance(16);
		}
		expect(applied).toEqual([]);
		clock.advance(150);
		expect(applied).toEqual([{ at: 4 * 16 + 150, changes: { k: '5' } }]);
		expect(bar.toString()).toBe('k=5');
	});

	it('a key left out of the values is removed; other keys are kept', () => {
		const clock = fakeClock();
		const { bar, batch } = addressBar(clock);
		batch.write(['k', 'img'], new URLSearchParams({ k: '3', img: 'coffee' }), { now: true });
		batch.write(['img', 'size'], new URLSearchParams({ size: '256' }), { now: true });
		expect(bar.toString()).toBe('k=3&size=256');
	});

	it('a discrete choice lands at once, with what other owners had pending', () => {
		const clock = fakeClock();
		const { bar, applied, batch } = addressBar(clock);
		batch.write(['k'], lab(7));
		clock.advance(40);
		batch.write(shellKeys, shell('upload'), { now: true });
		expect(bar.get('img')).toBe('upload');
		expect(bar.get('k')).toBe('7');
		expect(applied).toHaveLength(1);
		clock.advance(1000);
		expect(applied).toHaveLength(1); // nothing left for the timer
	});

	it('two uploads 40 ms apart, then a reload 10 ms later: the address already says img=upload', () => {
		const clock = fakeClock();
		const { bar, batch } = addressBar(clock);
		batch.write(shellKeys, shell('upload'), { now: true });
		clock.advance(40);
		batch.write(shellKeys, shell('upload'), { now: true });
		clock.advance(10);
		// what a reload reads, before any unload handler could flush
		expect(bar.get('img')).toBe('upload');
	});

	it('a lab that never stops writing cannot hold pending changes back past the longest wait', () => {
		const clock = fakeClock();
		const { bar, applied, batch } = addressBar(clock);
		batch.write(['size'], new URLSearchParams({ size: '256' }));
		// a slider held moving: a write every 100 ms, each inside the 150 ms delay, for 2 s
		for (let t = 0; t < 2000; t += 100) {
			batch.write(['k'], lab(t));
			clock.advance(100);
		}
		expect(applied.length).toBeGreaterThanOrEqual(4);
		expect(applied[0].at).toBe(500);
		expect(applied[0].changes.size).toBe('256');
		for (let i = 1; i < applied.length; i++)
			expect(applied[i].at - applied[i - 1].at).toBeLessThanOrEqual(500 + 100);
		expect(bar.get('size')).toBe('256');
	});

	it('flush applies what is pending and nothing twice', () => {
		const clock = fakeClock();
		const { applied, batch } = addressBar(clock);
		batch.flush();
		expect(applied).toEqual([]);
		batch.write(['k'], lab(2));
		batch.flush();
		clock.advance(1000);
		expect(applied).toEqual([{ at: 0, changes: { k: '2' } }]);
	});
});
