const PREFIX = 'convlab';

/** Lower-case ASCII slug: accents dropped, every run of other characters a single '-'. */
function slug(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/**
 * A download file name from the parts that describe the figure:
 * `exportFileName(['convolution', 'Sobel X', 'k3', 's1', 'same', 'd1', 'gray'], 'png')` →
 * `'convlab-convolution-sobel-x-k3-s1-same-d1-gray.png'`. Each part is slugged to
 * [a-z0-9-] (so 0.5 becomes `0-5`), empty parts vanish, and the name always starts with
 * `convlab-` so downloads group together. Throws if the extension slugs to nothing.
 */
export function exportFileName(parts: (string | number)[], extension: string): string {
	const ext = slug(extension).replace(/-/g, '');
	if (!ext) throw new RangeError(`file extension '${extension}' has no usable characters`);
	const words = parts.map((part) => slug(String(part))).filter((word) => word.length > 0);
	if (words[0] === PREFIX) words.shift();
	return `${[PREFIX, ...words].join('-')}.${ext}`;
}
