/**
 * What bench-network.mjs and profile-network-upload.mjs both do around an upload on /network:
 * hold the classifier's download until the photo is chosen (so the upload's picture is the
 * page's first), and note when a file input changes (the upload's start, in the page's clock).
 */

/** Hold every request for the classifier's files until the returned function is called. */
export async function holdModel(page) {
	let release = () => {};
	const held = new Promise((resolve) => (release = resolve));
	await page.route('**/models/fashion-cnn/**', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/** An init script: window.__changes gets performance.now() of every file input's change. */
export function recordFileChanges() {
	window.__changes = [];
	document.addEventListener(
		'change',
		(e) => {
			if (e.target?.type === 'file') window.__changes.push(performance.now());
		},
		true
	);
}
