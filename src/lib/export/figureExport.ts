/**
 * A feature map as a slide-ready figure: its title, the map (nearest-neighbour, so each map
 * pixel stays a crisp block) and its colour legend, on white, at 2× the CSS layout.
 */
import { canvasToPngBlob } from './download';
import { figureLayout } from './figureLayout';
import { svgToString } from './svgExport';

export interface FigureParts {
	/** the canvas the map is drawn on (its pixels are the map's) */
	map: HTMLCanvasElement;
	/** the map's colour legend, as drawn on screen */
	legend: SVGSVGElement | null;
	title: string;
	scale?: number;
}

async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
	const url = URL.createObjectURL(
		new Blob([svgToString(svg)], { type: 'image/svg+xml;charset=utf-8' })
	);
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		return image;
	} finally {
		URL.revokeObjectURL(url);
	}
}

export async function featureMapFigure(parts: FigureParts): Promise<Blob> {
	const legendBox = parts.legend?.getBoundingClientRect();
	const layout = figureLayout({
		mapWidth: parts.map.width,
		mapHeight: parts.map.height,
		shownWidth: parts.map.getBoundingClientRect().width,
		legendWidth: legendBox?.width ?? 0,
		legendHeight: legendBox?.height ?? 0,
		scale: parts.scale
	});
	const out = document.createElement('canvas');
	out.width = layout.width;
	out.height = layout.height;
	const context = out.getContext('2d');
	if (!context) throw new Error('no 2-D canvas context to draw the figure');
	context.fillStyle = '#fff';
	context.fillRect(0, 0, out.width, out.height);
	context.fillStyle = '#16202a';
	context.font = `600 ${layout.title.fontSize}px system-ui, sans-serif`;
	context.textBaseline = 'alphabetic';
	context.fillText(parts.title, layout.title.x, layout.title.y, layout.title.maxWidth);
	context.imageSmoothingEnabled = false;
	const { map, legend } = layout;
	context.drawImage(parts.map, map.x, map.y, map.width, map.height);
	if (parts.legend && legend.height > 0) {
		context.imageSmoothingEnabled = true;
		context.drawImage(
			await svgImage(parts.legend),
			legend.x,
			legend.y,
			legend.width,
			legend.height
		);
	}
	return canvasToPngBlob(out);
}
