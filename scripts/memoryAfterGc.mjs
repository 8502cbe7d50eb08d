/**
 * DOM nodes, JS event listeners and used JS heap of a page after garbage collection, over a CDP
 * session: collected until the node count settles (a lab's secondary panels may still be drawing).
 * Shared by the soak (scripts/soak-labs.mjs) and the random-walk spec's flat-memory test.
 * @param {import('@playwright/test').CDPSession} cdp
 * @param {(ms: number) => Promise<void>} wait
 * @returns {Promise<{ nodes: number; listeners: number; heapMB: number }>}
 */
export async function memoryAfterGc(cdp, wait) {
	let counters = { nodes: -1, jsEventListeners: -1 };
	for (let i = 0, last = -2; i < 10 && counters.nodes !== last; i++) {
		last = counters.nodes;
		if (i > 0) await wait(250);
		for (let gc = 0; gc < 3; gc++) await cdp.send('HeapProfiler.collectGarbage');
		counters = await cdp.send('Memory.getDOMCounters');
	}
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return { nodes: counters.nodes, listeners: counters.jsEventListeners, heapMB: usedSize / 1e6 };
}
