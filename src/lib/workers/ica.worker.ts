/**
 * Runs FastICA off the page's main thread: on a 63-d whitening of 10,000 patches it is seconds of
 * work whose steps (a 63×63 eigen-decomposition per iteration) held frames up to hundreds of ms
 * even in slices. One request per worker (icaProtocol.ts).
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/ica.worker.ts', import.meta.url), { type: 'module' })
 */
import type { IcaReply, IcaRequest } from './icaProtocol';
import { serveIcaRequest } from './icaService';

interface Scope {
	onmessage: ((event: MessageEvent<IcaRequest>) => void) | null;
	postMessage(message: IcaReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

scope.onmessage = ({ data }) =>
	serveIcaRequest(data, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
