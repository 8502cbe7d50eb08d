import { schemeTableau10 } from 'd3';
import { classScatterFrame } from './classScatterFrame';
import { labelSvg } from './labelSvg';
import { remScaled } from './rootFont';

/**
 * Points in two dimensions, each with a class: point i is (x[i], y[i]) of class
 * classNames[classOf[i]] (e.g. a PCA or UMAP embedding of labelled images).
 */
export interface ScatterData {
	x: ArrayLike<number>;
	y: ArrayLike<number>;
	/** class index of each point, into classNames */
	classOf: ArrayLike<number>;
	classNames: readonly string[];
	/** one colour per class; default Tableau 10 (colour-blind safe for up to 10 classes) */
	colors?: readonly string[];
}

export interface ScatterChartOptions {
	width: number;
	height: number;
	title?: string;
	xLabel?: string;
	yLabel?: string;
	/** Text size in px; default 11 scaled to the page's root font. */
	fontSize?: number;
	/** Dot radius in px; default fontSize / 4. */
	radius?: number;
}

interface Point {
	i: number;
	x: number;
	y: number;
	c: number;
}

/**
 * Scatter plot on an <svg> of opts.width × opts.height px: one dot per point with finite x and
 * y, coloured by class, a legend naming the classes (with their counts) above the plot, axes
 * with labels. Points whose class has no name are skipped.
 */
export function scatterChart(
	svg: SVGSVGElement
): (data: ScatterData, opts: ScatterChartOptions) => void {
	const frame = classScatterFrame(svg, { fillOpacity: 0.8, overlay: false });

	return (data, opts) => {
		const { width, height } = opts;
		const fontSize = opts.fontSize ?? remScaled(11);
		const colorOf = (c: number) => data.colors?.[c] ?? schemeTableau10[c % 10];
		const classes = data.classNames.length;

		const n = Math.min(data.x.length, data.y.length, data.classOf.length);
		const points: Point[] = [];
		const counts = new Array<number>(classes).fill(0);
		for (let i = 0; i < n; i++) {
			const c = data.classOf[i];
			if (!(c >= 0 && c < classes) || !Number.isFinite(data.x[i]) || !Number.isFinite(data.y[i]))
				continue;
			points.push({ i, x: data.x[i], y: data.y[i], c });
			counts[c]++;
		}

		const { x, y } = frame.layout({
			width,
			height,
			fontSize,
			classNames: data.classNames,
			colorOf,
			title: opts.title ?? '',
			xLabel: opts.xLabel ?? '',
			yLabel: opts.yLabel ?? '',
			xs: points.map((p) => p.x),
			ys: points.map((p) => p.y),
			spacing: { left: 52, bottom: 40, right: 14, tickUnits: 40 },
			nice: true
		});

		const radius = opts.radius ?? fontSize / 4;
		frame.dots
			.selectAll<SVGCircleElement, Point>('circle')
			.data(points, (p) => p.i)
			.join('circle')
			.attr('cx', (p) => x(p.x))
			.attr('cy', (p) => y(p.y))
			.attr('r', radius)
			.attr('fill', (p) => colorOf(p.c));

		labelSvg(
			svg,
			`${opts.title ?? 'Scatter plot'}: ${points.length} points` +
				(opts.yLabel && opts.xLabel ? `, ${opts.yLabel} against ${opts.xLabel}` : ''),
			`Coloured by class: ${data.classNames.map((name, c) => `${name} (${counts[c]})`).join(', ')}.`
		);
	};
}
