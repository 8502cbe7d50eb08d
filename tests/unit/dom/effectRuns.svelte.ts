/** Counts how often an effect that reads `read()` runs, as a chart's redraw effect would. */
export function effectRuns(read: () => unknown): { readonly runs: number; stop: () => void } {
	let runs = 0;
	const stop = $effect.root(() => {
		$effect(() => {
			read();
			runs++;
		});
	});
	return {
		get runs() {
			return runs;
		},
		stop
	};
}
