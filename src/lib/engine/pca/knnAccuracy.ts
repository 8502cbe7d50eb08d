/**
 * How well a 2-D map keeps the classes apart: leave-one-out k-nearest-neighbour accuracy. Each
 * point's class is predicted by a majority vote of its k nearest other points (Euclidean in the
 * map); a tie between classes goes to the tied class whose member is nearest. Points are binned
 * in a uniform grid so each query looks at a few cells, not all N points.
 */

/**
 * @param points [N, 2] map coordinates
 * @param labels [N] class indices
 * @returns the share of points whose vote matches their label
 */
export function knnAccuracy(points: ArrayLike<number>, labels: ArrayLike<number>, k = 5): number {
	const n = labels.length;
	if (n <= k) return NaN;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i < n; i++) {
		minX = Math.min(minX, points[2 * i]);
		maxX = Math.max(maxX, points[2 * i]);
		minY = Math.min(minY, points[2 * i + 1]);
		maxY = Math.max(maxY, points[2 * i + 1]);
	}
	const side = Math.max(1, Math.floor(Math.sqrt(n / 4)));
	const cw = (maxX - minX) / side || 1;
	const ch = (maxY - minY) / side || 1;
	const cellOf = (v: number, lo: number, w: number) =>
		Math.min(side - 1, Math.max(0, Math.floor((v - lo) / w)));
	const cells: number[][] = Array.from({ length: side * side }, () => []);
	for (let i = 0; i < n; i++)
		cells[cellOf(points[2 * i + 1], minY, ch) * side + cellOf(points[2 * i], minX, cw)].push(i);
	const bestD = new Float64Array(k);
	const bestI = new Int32Array(k);
	let correct = 0;
	for (let q = 0; q < n; q++) {
		const qx = points[2 * q];
		const qy = points[2 * q + 1];
		const cx = cellOf(qx, minX, cw);
		const cy = cellOf(qy, minY, ch);
		let found = 0;
		bestD.fill(Infinity);
		// grow the ring of cells until the k-th distance is within the ring's reach
		for (let r = 0; r <= side; r++) {
			for (let gy = cy - r; gy <= cy + r; gy++) {
				if (gy < 0 || gy >= side) continue;
				for (let gx = cx - r; gx <= cx + r; gx++) {
					if (gx < 0 || gx >= side) continue;
					if (Math.max(Math.abs(gx - cx), Math.abs(gy - cy)) !== r) continue;
					for (const i of cells[gy * side + gx]) {
						if (i === q) continue;
						const dist = (points[2 * i] - qx) ** 2 + (points[2 * i + 1] - qy) ** 2;
						if (found === k && (dist > bestD[k - 1] || (dist === bestD[k - 1] && i > bestI[k - 1])))
							continue;
						let at = Math.min(found, k - 1);
						while (
							at > 0 &&
							(bestD[at - 1] > dist || (bestD[at - 1] === dist && bestI[at - 1] > i))
						) {
							bestD[at] = bestD[at - 1];
							bestI[at] = bestI[at - 1];
							at--;
						}
						bestD[at] = dist;
						bestI[at] = i;
						if (found < k) found++;
					}
				}
			}
			// every point outside the ring lies farther than r cell widths away
			const reach = r * Math.min(cw, ch);
			if (found === k && bestD[k - 1] < reach * reach) break;
		}
		if (vote(bestI, labels, k) === labels[q]) correct++;
	}
	return correct / n;
}

/** Majority of the k neighbours' labels (nearest first); ties go to the nearest tied class. */
export function vote(nearest: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
	const counts = new Map<number, number>();
	for (let j = 0; j < k; j++)
		counts.set(labels[nearest[j]], (counts.get(labels[nearest[j]]) ?? 0) + 1);
	const top = Math.max(...counts.values());
	for (let j = 0; j < k; j++) if (counts.get(labels[nearest[j]]) === top) return labels[nearest[j]];
	return labels[nearest[0]];
}
