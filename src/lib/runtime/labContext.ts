/**
 * How a lab's controls learn which of them its URL hides (`psize_hide=1`), without every controls
 * component taking the runtime as a prop: the runtime sets this context; `hideable()` reads it.
 *
 *   const hide = hideable();                       // in a controls component's <script>
 *   <label {@attach hide('psize')}>…</label>       // gets `hidden` while psize_hide=1
 */
import { getContext } from 'svelte';
import type { Attachment } from 'svelte/attachments';

export const LAB_CONTEXT = Symbol('convlab:lab');

interface LabContext {
	hidden: () => ReadonlySet<string>;
}

/** Call during component initialisation; outside a lab every control shows. */
export function hideable(): (key: string) => Attachment<HTMLElement> {
	const context = getContext<LabContext | undefined>(LAB_CONTEXT);
	return (key) => (element) => {
		element.hidden = context?.hidden().has(key) ?? false;
	};
}
