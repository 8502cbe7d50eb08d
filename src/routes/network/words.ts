/** Small English the Network lab's sentences need: articles and plurals. */

/** "a Coat", "an Ankle boot" (class names here start with their sound's letter). */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "1 kernel", "3 kernels". */
export function counted(n: number, noun: string): string {
	return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The heading over a unit's kernels: "The kernel that feeds it", "The 32 kernels that feed it". */
export function kernelsHeading(n: number): string {
	return n === 1
		? 'The kernel that feeds it'
		: `The ${n} kernels that feed it (one per input channel)`;
}
