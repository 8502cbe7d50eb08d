/**
 * The confusion panel's heading: the test-set accuracy only when it belongs to the weights on
 * screen. While training streams new weights the matrix below is the last one computed, for
 * earlier weights; its figure is not shown as if it were the network's now.
 */
export interface ConfusionProgress {
	/** fraction correct over the rows computed so far (NaN when none) */
	accuracy: number;
	/** images predicted so far, of `total` */
	done: number;
	total: number;
	/** the weights version the computed rows belong to (-1: none yet) */
	rowsVersion: number;
	/** the weights version on screen */
	version: number;
}

const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function confusionHeading(p: ConfusionProgress): { title: string; note: string } {
	const percent = `${(100 * p.accuracy).toFixed(1)} %`;
	if (p.rowsVersion < 0 || p.done === 0 || !Number.isFinite(p.accuracy))
		return { title: 'Test set: computing…', note: '' };
	if (p.rowsVersion !== p.version)
		return {
			title: 'Test set: not yet measured for the weights shown',
			note: `The matrix below (${percent} correct) is for earlier weights; it is computed again once the weights stop changing for a moment.`
		};
	if (p.done < p.total)
		return {
			title: `Test set: ${percent} correct so far`,
			note: `on the first ${count(p.done)} of ${count(p.total)} images, with the weights shown`
		};
	return { title: `Test set: ${percent} correct`, note: '' };
}
