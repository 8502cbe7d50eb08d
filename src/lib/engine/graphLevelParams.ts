/**
 * Parameter counts per level of a graph model (the selfie network), for the layer headers: a
 * level's parameters are the float weights its node depends on that no earlier level already
 * depends on. Decoder levels read encoder outputs through skip connections, so "depends on" is
 * the whole ancestry and each weight is counted once, at the first level that needs it.
 */

export interface GraphNode {
	name: string;
	op: string;
	/** 'node', 'node:1' (second output) or '^node' (a control dependency) */
	input?: string[];
}

export interface GraphWeight {
	name: string;
	shape: number[];
	dtype?: string;
}

const baseName = (input: string) => input.replace(/^\^/, '').replace(/:\d+$/, '');

/**
 * levels: node names in data-flow order → the number of new float weights of each.
 * @throws RangeError when a level names no node of the graph.
 */
export function graphLevelParams(
	nodes: readonly GraphNode[],
	weights: readonly GraphWeight[],
	levels: readonly string[]
): number[] {
	const byName = new Map(nodes.map((node) => [node.name, node]));
	const size = new Map(
		weights
			.filter((w) => (w.dtype ?? 'float32') === 'float32')
			.map((w) => [w.name, w.shape.reduce((a, b) => a * b, 1)])
	);
	const counted = new Set<string>();
	return levels.map((level) => {
		if (!byName.has(level)) throw new RangeError(`the graph has no node "${level}"`);
		let params = 0;
		const stack = [level];
		while (stack.length) {
			const name = stack.pop()!;
			if (counted.has(name)) continue;
			counted.add(name);
			params += size.get(name) ?? 0;
			for (const input of byName.get(name)?.input ?? []) stack.push(baseName(input));
		}
		return params;
	});
}
