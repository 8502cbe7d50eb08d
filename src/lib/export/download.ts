/**
 * Saves a blob as `filename` through a temporary object URL and `<a download>`. The URL is
 * revoked a little later, not at once: some browsers start reading it after click() returns.
 */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.rel = 'noopener';
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The canvas's pixels as a PNG blob; rejects if the browser cannot encode it (e.g. a 0×0 canvas). */
export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) => {
		canvas.toBlob((blob) => {
			if (blob) resolve(blob);
			else reject(new Error(`could not encode a ${canvas.width}×${canvas.height} canvas as PNG`));
		}, 'image/png');
	});
}
