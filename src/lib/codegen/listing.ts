/**
 * "Code for what is on screen": the PyTorch and the Keras code that build a lab's current
 * configuration. Each lab's generator is a pure function of its settings (src/lib/codegen/*.ts);
 * the lab declares `code(state, observed)` in its lab.ts and LabLayout shows the listing.
 */
export interface CodeListing {
	/** what the code builds, in words: "the conv layer: k = 3, stride 2, padding 1" */
	title: string;
	pytorch: string;
	keras: string;
}

/** A Python literal for a number (integers stay integers). */
export function py(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
