/**
 * How variants are spread over training workers (shardedTraining.svelte.ts), pure, so the
 * benchmark deals them exactly as the page does.
 */

/** Workers worth using here: one per core, at most `most`, at least one. */
export function shardCount(
	most: number,
	cores = globalThis.navigator?.hardwareConcurrency
): number {
	return Math.max(1, Math.min(most, Number.isFinite(cores) && cores! > 0 ? cores! : 1));
}

/** `variants` dealt round-robin over `shards` groups, none empty. */
export function dealVariants<T>(variants: readonly T[], shards: number): T[][] {
	const groups: T[][] = Array.from(
		{ length: Math.max(1, Math.min(shards, variants.length)) },
		() => []
	);
	variants.forEach((v, i) => groups[i % groups.length].push(v));
	return groups;
}
