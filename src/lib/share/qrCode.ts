/**
 * The QR code of a link, from lean-qr (a maintained, dependency-free encoder): its size in
 * modules, its version and the module grid. Correction level M (~15 % of the code can be lost)
 * reads well off a projector across a room, where glare and keystone eat some modules; longer
 * links grow the version (size = 17 + 4 × version modules) rather than drop the correction.
 */
import { correction, generate } from 'lean-qr';

export interface QrCode {
	/** width and height in modules, without the quiet zone */
	size: number;
	/** QR version 1–40: size = 17 + 4 × version */
	version: number;
	/** true where a module is dark, for 0 ≤ x, y < size */
	dark(x: number, y: number): boolean;
}

/** Modules of light margin every reader needs around a code (ISO/IEC 18004: 4). */
export const QUIET_ZONE = 4;

export function qrCode(text: string): QrCode {
	const code = generate(text, { minCorrectionLevel: correction.M });
	return {
		size: code.size,
		version: (code.size - 17) / 4,
		dark: (x, y) => code.get(x, y)
	};
}

/**
 * An SVG path of the dark modules, one unit per module, offset by the quiet zone: one
 * horizontal run per `h` segment, so a version-10 code is a few hundred segments, not 3 000 rects.
 */
export function qrPath(code: QrCode): string {
	const parts: string[] = [];
	for (let y = 0; y < code.size; y++) {
		let x = 0;
		while (x < code.size) {
			if (!code.dark(x, y)) {
				x++;
				continue;
			}
			const start = x;
			while (x < code.size && code.dark(x, y)) x++;
			parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
		}
	}
	return parts.join('');
}
