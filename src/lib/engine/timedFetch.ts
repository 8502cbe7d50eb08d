/**
 * `fetch` with a deadline for the whole download (headers and body): a model file whose request
 * hangs on a crowded workshop wifi fails with a message after `ms` instead of leaving the lab
 * loading forever. Tests shorten the deadline with `window.convlabDownloadTimeoutMs`.
 */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

function deadline(): number {
	const injected =
		typeof window === 'undefined'
			? undefined
			: (window as { convlabDownloadTimeoutMs?: unknown }).convlabDownloadTimeoutMs;
	return typeof injected === 'number' && injected > 0 ? injected : DOWNLOAD_TIMEOUT_MS;
}

/**
 * A fetch with a deadline of `ms` (default 30 s, or the test hook's) over `fetchFunc`. The result
 * takes only fetch's two arguments: TF.js's loaders pass a third of their own ({ isBinary }).
 */
export function fetchWithin(ms?: number, fetchFunc: typeof fetch = fetch): typeof fetch {
	return (input, init) => download(input, init ?? {}, ms ?? deadline(), fetchFunc);
}

/** As `fetch`, with the default deadline; the response's body is already read. */
export const timedFetch: typeof fetch = (input, init) => fetchWithin()(input, init);

async function download(
	input: RequestInfo | URL,
	init: RequestInit,
	ms: number,
	fetchFunc: typeof fetch
): Promise<Response> {
	const controller = new AbortController();
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
	const name = url.split('?')[0].split('/').pop() || url;
	const wait = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
	const timer = setTimeout(
		() =>
			controller.abort(new Error(`${name} did not download within ${wait} (a download stalled?)`)),
		ms
	);
	try {
		const response = await fetchFunc(input, { ...init, signal: controller.signal });
		const body = await response.arrayBuffer();
		return new Response(body, {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	} catch (error) {
		throw controller.signal.aborted ? controller.signal.reason : error;
	} finally {
		clearTimeout(timer);
	}
}
