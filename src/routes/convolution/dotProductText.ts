/**
 * The numbers the dot-product panel writes around its table — the output pixel, each colour's
 * sum, the check line — all with formatValue's 4 significant digits, like every factor and
 * product in the table: a pixel worth 7.484e-6 reads 7.484e-6 everywhere, never "0.0000".
 */
import { formatValue } from '$lib/components/formatValue';

export interface ChannelSum {
	name: string;
	sum: number;
}

export interface DotProductText {
	/** the output pixel: the sum over every channel */
	total: string;
	/** "R: 0.1234" per channel */
	channels: string[];
	/** the shown channel's sum of products */
	activeSum: string;
	/** " (G)" when there are several channels, '' otherwise */
	activeName: string;
	/** what the map holds */
	map: string;
	/** the check line as a whole: "Σ of products = …; the feature map holds …." */
	check: string;
}

/**
 * @param channels each input channel's sum of products (one for gray, R, G, B for RGB)
 * @param shown the channel whose products the table shows
 * @param mapValue what the feature map holds at the pixel
 */
export function dotProductText(
	channels: readonly ChannelSum[],
	shown: number,
	mapValue: number,
	mapName = 'the feature map'
): DotProductText {
	const active = channels[Math.max(0, Math.min(shown, channels.length - 1))];
	const total = channels.reduce((sum, channel) => sum + channel.sum, 0);
	const which = channels.length > 1 ? ` (${active.name})` : '';
	return {
		total: formatValue(total),
		activeSum: formatValue(active.sum),
		activeName: which,
		map: formatValue(mapValue),
		channels: channels.map((channel) => `${channel.name}: ${formatValue(channel.sum)}`),
		check: `Σ of products = ${formatValue(active.sum)}${which}; ${mapName} holds ${formatValue(mapValue)}.`
	};
}
