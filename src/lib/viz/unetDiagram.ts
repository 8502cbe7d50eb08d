/**
 * The U-Net drawn as its letter: encoder levels down the left, the bottleneck at the bottom,
 * decoder levels up the right, each box labelled with its map size and channels for the current
 * picture; skip connections as arrows across (dashed grey when off). Boxes are buttons: click,
 * Enter or Space selects a level.
 */
import { select } from 'd3';

export interface DiagramLevel {
	height: number;
	width: number;
	channels: number;
}

export interface DiagramOptions {
	width: number;
	fontSize: number;
	skips: boolean;
	upsampling: string;
	selected: number;
	onselect: (level: number) => void;
}

export function unetDiagram(
	svg: SVGSVGElement
): (levels: DiagramLevel[], options: DiagramOptions) => void {
	const root = select(svg);
	root.selectAll('*').remove();
	root.attr('role', 'group').attr('font-family', 'system-ui, sans-serif');
	return (levels, options) => {
		root.selectAll('*').remove();
		const { width, fontSize } = options;
		const depth = levels.length;
		const rowH = fontSize * 4.2;
		const height = rowH * depth + fontSize * 2.2;
		root.attr('viewBox', `0 0 ${width} ${height}`).attr('height', height);
		const boxW = Math.min(width * 0.3, fontSize * 13);
		const centre = width / 2;
		const defs = root.append('defs');
		defs
			.append('marker')
			.attr('id', 'unet-arrow')
			.attr('viewBox', '0 0 10 10')
			.attr('refX', 9)
			.attr('refY', 5)
			.attr('markerWidth', 6)
			.attr('markerHeight', 6)
			.attr('orient', 'auto')
			.append('path')
			.attr('d', 'M0,0L10,5L0,10z')
			.attr('fill', 'currentColor');
		const box = (level: number, side: 'encoder' | 'decoder' | 'bottleneck') => {
			const y = fontSize * 1.6 + level * rowH;
			const indent = (level / Math.max(1, depth - 1)) * (centre - boxW / 2 - fontSize);
			const x =
				side === 'bottleneck'
					? centre - boxW / 2
					: side === 'encoder'
						? fontSize * 0.3 + indent
						: width - boxW - fontSize * 0.3 - indent;
			return { x, y, w: boxW, h: rowH * 0.62 };
		};
		root
			.append('text')
			.attr('x', fontSize * 0.3)
			.attr('y', fontSize)
			.attr('font-size', fontSize)
			.attr('fill', 'currentColor')
			.attr('font-weight', 600)
			.text('Encoder ↓');
		root
			.append('text')
			.attr('x', width - fontSize * 0.3)
			.attr('y', fontSize)
			.attr('text-anchor', 'end')
			.attr('font-size', fontSize)
			.attr('fill', 'currentColor')
			.attr('font-weight', 600)
			.text(`Decoder ↑ (${options.upsampling})`);
		const arrows = root.append('g').attr('fill', 'none').attr('stroke', 'currentColor');
		const boxes = root.append('g');
		for (let l = 0; l < depth; l++) {
			const { height: h, width: w, channels } = levels[l];
			const sides: ('encoder' | 'decoder' | 'bottleneck')[] =
				l === depth - 1 ? ['bottleneck'] : ['encoder', 'decoder'];
			for (const side of sides) {
				const b = box(l, side);
				const selected = options.selected === l;
				const g = boxes
					.append('g')
					.attr('role', 'button')
					.attr('tabindex', 0)
					.attr('aria-pressed', String(selected))
					.attr(
						'aria-label',
						`Level ${l} ${side}: ${h}×${w}, ${channels} channels. Show its feature maps`
					)
					.attr('data-level', l)
					.style('cursor', 'pointer')
					.on('click', () => options.onselect(l))
					.on('keydown', (event: KeyboardEvent) => {
						if (event.key === 'Enter' || event.key === ' ') {
							event.preventDefault();
							options.onselect(l);
						}
					});
				g.append('rect')
					.attr('x', b.x)
					.attr('y', b.y)
					.attr('width', b.w)
					.attr('height', b.h)
					.attr('rx', 4)
					.attr('fill', selected ? 'var(--accent, #2563eb)' : 'var(--panel, #f4f4f5)')
					.attr('fill-opacity', selected ? 0.25 : 1)
					.attr('stroke', selected ? 'var(--accent, #2563eb)' : 'currentColor')
					.attr('stroke-width', selected ? 2.5 : 1);
				g.append('text')
					.attr('x', b.x + b.w / 2)
					.attr('y', b.y + b.h / 2 + fontSize * 0.35)
					.attr('text-anchor', 'middle')
					.attr('font-size', fontSize)
					.attr('fill', 'currentColor')
					.text(`${h}×${w}×${channels}`);
			}
			if (l < depth - 1) {
				const e = box(l, 'encoder');
				const d = box(l, 'decoder');
				const eNext = box(l + 1, l + 1 === depth - 1 ? 'bottleneck' : 'encoder');
				const dNext = box(l + 1, l + 1 === depth - 1 ? 'bottleneck' : 'decoder');
				// down: pool; up: upsample
				arrows
					.append('line')
					.attr('x1', e.x + e.w * 0.35)
					.attr('y1', e.y + e.h)
					.attr('x2', eNext.x + eNext.w * 0.25)
					.attr('y2', eNext.y - 2)
					.attr('marker-end', 'url(#unet-arrow)');
				arrows
					.append('line')
					.attr('x1', dNext.x + dNext.w * 0.75)
					.attr('y1', dNext.y - 2)
					.attr('x2', d.x + d.w * 0.65)
					.attr('y2', d.y + d.h + 2)
					.attr('marker-end', 'url(#unet-arrow)');
				const skip = arrows
					.append('line')
					.attr('x1', e.x + e.w + 2)
					.attr('y1', e.y + e.h / 2)
					.attr('x2', d.x - 3)
					.attr('y2', d.y + d.h / 2)
					.attr('stroke-width', options.skips ? 2 : 1)
					.attr('marker-end', options.skips ? 'url(#unet-arrow)' : null);
				if (!options.skips) skip.attr('stroke-dasharray', '3 4').attr('stroke-opacity', 0.4);
				// The deeper levels sit closer together: the longest label that fits between the boxes.
				const gap = d.x - (e.x + e.w);
				const labelSize = fontSize * 0.85;
				const label = (options.skips ? ['skip (concatenate)', 'skip'] : ['no skip', 'none']).find(
					(text) => text.length * labelSize * 0.58 <= gap - 4
				);
				if (label)
					root
						.append('text')
						.attr('x', (e.x + e.w + d.x) / 2)
						.attr('y', e.y + e.h / 2 - fontSize * 0.35)
						.attr('text-anchor', 'middle')
						.attr('font-size', labelSize)
						.attr('fill', 'currentColor')
						.attr('opacity', options.skips ? 1 : 0.55)
						.text(label);
			}
		}
	};
}
