/**
 * What a feature map's .npy holds, in words, for its export button. Only the caller knows what
 * the channels are (a conv's R, G, B and sum; /pooling's four kernels' maps; /network's Grad-CAM),
 * so it names them; with no names the text says no more than the shape.
 */
export function npyDescription(
	height: number,
	width: number,
	channels: number,
	channelNames?: readonly string[]
): string {
	const shape = `float32 array, shape [${height}, ${width}, ${channels}]`;
	const named = channelNames !== undefined && channelNames.length === channels;
	if (channels === 1)
		return named ? `${shape}; one channel: ${channelNames[0]}` : `${shape}; one channel`;
	return named
		? `${shape}; channels in order ${channelNames.join(', ')}`
		: `${shape}; ${channels} channels`;
}
