/** What the page and the service worker say to each other (shared, so a typo cannot split them). */

/** Posted by the "Reload" button to the waiting worker: take over now. */
export const SKIP_WAITING = 'convlab:skip-waiting';

/** Every precache is named this plus the build's version; the worker deletes older ones. */
export const PRECACHE_PREFIX = 'convlab-';
