/**
 * The explanation's sentences that quote this image's numbers, built here so a test can hold
 * them against the values they quote.
 */
import { formatBytes } from '$lib/components/formatBytes';
import { FC_UNITS } from '$lib/engine/fullyConnected';
import type { SimilarityRow } from '$lib/engine/shiftSimilarity';

/** A similarity as the explanation writes it: 2 decimals, '…' while not computed. */
export function similarityText(value: number | undefined): string {
	return value === undefined || !Number.isFinite(value) ? '…' : value.toFixed(2);
}

/** (dx, dy) as the text writes a shift: "(−1, +2)" — the signs spelled out, so −0 never shows. */
export function shiftText(row: Pick<SimilarityRow, 'dx' | 'dy'>): string {
	const sign = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');
	return `(${sign(row.dx)}, ${sign(row.dy)})`;
}

const isMultiple = (row: SimilarityRow, stride: number) =>
	row.dx % stride === 0 && row.dy % stride === 0;

/**
 * The first step of the curve that a stride-`stride` pool can undo exactly (dx and dy both
 * multiples of the stride) and the first it cannot, or null where the rows hold none.
 */
export function strideSteps(
	rows: readonly SimilarityRow[],
	stride = 2
): { aligned: SimilarityRow | null; misaligned: SimilarityRow | null } {
	const moved = [...rows].filter((r) => r.shift > 0).sort((a, b) => a.shift - b.shift);
	return {
		aligned: moved.find((r) => isMultiple(r, stride)) ?? null,
		misaligned: moved.find((r) => !isMultiple(r, stride)) ?? null
	};
}

/**
 * The aliasing sentence: the max-pool's similarity at the first shift that is a multiple of the
 * stride on both axes against the first one that is not.
 */
export function aliasingText(rows: readonly SimilarityRow[], stride = 2): string {
	const { aligned, misaligned } = strideSteps(rows, stride);
	if (!aligned || !misaligned) return 'The curve is still being computed.';
	return (
		`${similarityText(aligned.maxpool)} at (dx, dy) = ${shiftText(aligned)}, a multiple of ${stride} on both axes, ` +
		`but ${similarityText(misaligned.maxpool)} at ${shiftText(misaligned)}, even after the best whole-cell shift back.`
	);
}

/** The blur pool's similarities at the same two steps. */
export function blurPoolText(rows: readonly SimilarityRow[], stride = 2): string {
	const { aligned, misaligned } = strideSteps(rows, stride);
	if (!aligned || !misaligned) return '…';
	return `${similarityText(misaligned.blurpool)} at ${shiftText(misaligned)}, ${similarityText(aligned.blurpool)} at ${shiftText(aligned)}`;
}

/** What a fully connected layer on the whole image would weigh: FC_UNITS × H × W float32 weights. */
export function fullSizeFcText(height: number, width: number, units = FC_UNITS): string {
	const weights = units * height * width;
	return `${units} × ${height} × ${width} = ${weights.toLocaleString('en')} weights (${formatBytes(4 * weights)})`;
}
