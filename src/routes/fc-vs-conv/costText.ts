import { formatBytes } from '$lib/components/formatBytes';

/** float32: 4 bytes a parameter. */
const FLOAT32_BYTES = 4;

/**
 * The memory the two layers' parameters take, as the cost sentence quotes it:
 * "268 MB of float32 against 7.17 kB". One byte formatter (decimal units) for both sides.
 */
export function parameterMemoryText(fcParameters: number, convParameters: number): string {
	return `${formatBytes(fcParameters * FLOAT32_BYTES)} of float32 against ${formatBytes(convParameters * FLOAT32_BYTES)}`;
}
