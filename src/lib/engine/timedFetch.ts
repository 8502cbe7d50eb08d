/**
 * `fetch` with a deadline on progress: a download (a model, the data sprites) whose request hangs
 * on a crowded workshop wifi fails with a message once nothing has arrived for `ms`, instead of
 * leaving the lab loading forever, while a slow download that keeps arriving is left to finish.
 * Tests shorten the deadline with `convlabDownloadTimeoutMs` on the global object (a page's
 * window; a worker's own global, where a test sets one).
 */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

function deadline(): number {
	const injected = (globalThis as { convlabDownloadTimeoutMs?: unknown }).convlabDownloadTimeoutMs;
	return typeof injected === 'number' && injected > 0 ? injected : DOWNLOAD_TIMEOUT_MS;
}

/**
 * A fetch over `fetchFunc` that gives up once nothing has arrived for `ms` (default 30 s, or the
 * test hook's). The result takes only fetch's two arguments: TF.js's loaders pass a third of
 * their own ({ isBinary }).
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
	let timer: ReturnType<typeof setTimeout> | undefined;
	/** (Re)starts the deadline: at the request, and again as each piece of the body arrives. */
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(
			() =>
				controller.abort(
					new Error(`${name} did not download: nothing arrived for ${wait} (a download stalled?)`)
				),
			ms
		);
	};
	arm();
	try {
		const response = await fetchFunc(input, { ...init, signal: controller.signal });
		arm();
		const body = await readBody(response, arm);
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

/** The whole body, calling `progress` as each piece arrives. */
function readBody(response: Response, progress: () => void): Promise<ArrayBuffer> {
	if (!response.body) return response.arrayBuffer();
	const counted = new TransformStream<Uint8Array, Uint8Array>({
		transform(piece, out) {
			progress();
			out.enqueue(piece);
		}
	});
	return new Response(response.body.pipeThrough(counted)).arrayBuffer();
}
