/**
 * A 2-D map of labelled points (a PCA or UMAP projection): one <path> per class, so 10,000 points
 * are ten SVG elements, not ten thousand; a legend of the classes; optional extra points drawn as
 * labelled rings (the learner's photo). Returns a hit test: the index of the point nearest to a
 * pixel position, within a few pixels, for hover and tap.
 */
import { schemeTableau10 } from 'd3';
import { classScatterFrame } from './classScatterFrame';
import { labelSvg } from './labelSvg';

export interface EmbeddingMapData {
	/** [N, 2] */
	points: ArrayLike<number>;
	labels: ArrayLike<number>;
	classNames: readonly string[];
	/** rings drawn over the map, e.g. the learner's photo */
	marks?: { x: number; y: number; name: string }[];
}

export interface EmbeddingMapOptions {
	width: number;
	height: number;
	fontSize: number;
	title: string;
	xLabel?: string;
	yLabel?: string;
}

/** index of the nearest point to (px, py) in SVG pixels, or null beyond `reach` px */
export type MapHit = (px: number, py: number, reach?: number) => number | null;

export function embeddingMap(
	svg: SVGSVGElement
): (data: EmbeddingMapData, opts: EmbeddingMapOptions) => MapHit {
	const frame = classScatterFrame(svg, { fillOpacity: 0.75, overlay: true });
	const dots = frame.dots;
	const marks = frame.overlay!;

	return (data, opts) => {
		const { width, height, fontSize } = opts;
		const unit = fontSize / 11;
		const n = Math.floor(data.points.length / 2);
		const xs = Array.from({ length: n }, (_, i) => data.points[2 * i]);
		const ys = Array.from({ length: n }, (_, i) => data.points[2 * i + 1]);
		for (const m of data.marks ?? []) {
			xs.push(m.x);
			ys.push(m.y);
		}
		const { x, y } = frame.layout({
			width,
			height,
			fontSize,
			classNames: data.classNames,
			colorOf: (c) => schemeTableau10[c % 10],
			title: opts.title,
			xLabel: opts.xLabel ?? '',
			yLabel: opts.yLabel ?? '',
			xs,
			ys,
			spacing: { left: 40, bottom: 34, right: 10, tickUnits: 50 },
			nice: false
		});
		const r = Math.max(1.2, fontSize / 6);
		const paths = data.classNames.map(() => [] as string[]);
		const screen = new Float32Array(2 * n);
		for (let i = 0; i < n; i++) {
			const sx = x(data.points[2 * i]);
			const sy = y(data.points[2 * i + 1]);
			screen[2 * i] = sx;
			screen[2 * i + 1] = sy;
			const c = data.labels[i];
			if (Number.isFinite(sx) && Number.isFinite(sy) && paths[c])
				paths[c].push(
					`M${(sx - r).toFixed(1)},${sy.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
				);
		}
		dots
			.selectAll('path')
			.data(paths)
			.join('path')
			.attr('fill', (_, c) => schemeTableau10[c % 10])
			.attr('d', (p) => p.join(''));
		const ring = marks
			.selectAll<SVGGElement, { x: number; y: number; name: string }>('g')
			.data(data.marks ?? [])
			.join((enter) => {
				const g = enter.append('g');
				g.append('circle').attr('fill', 'none').attr('stroke', 'currentColor');
				g.append('text').attr('fill', 'currentColor').attr('font-weight', 600);
				return g;
			});
		ring
			.select('circle')
			.attr('cx', (m) => x(m.x))
			.attr('cy', (m) => y(m.y))
			.attr('r', 4 * r)
			.attr('stroke-width', 2 * unit);
		ring
			.select('text')
			.attr('x', (m) => x(m.x) + 5 * r)
			.attr('y', (m) => y(m.y) - 3 * r)
			.text((m) => m.name);
		labelSvg(
			svg,
			`${opts.title}: ${n} points`,
			`Coloured by class: ${data.classNames.join(', ')}.`
		);
		return (px, py, reach = 4 * r + 4) => {
			let best: number | null = null;
			let bestD = reach * reach;
			for (let i = 0; i < n; i++) {
				const d = (screen[2 * i] - px) ** 2 + (screen[2 * i + 1] - py) ** 2;
				if (d <= bestD) {
					bestD = d;
					best = i;
				}
			}
			return best;
		};
	};
}
