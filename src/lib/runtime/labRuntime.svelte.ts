/**
 * The one runtime every lab runs on. A page calls `useLab(definition)` during initialisation and
 * gets its settings, its notices, its hide flags, and the plumbing each lab used to build by hand:
 *
 *   const lab = useLab(poolingLab);
 *   const s = $derived(lab.state);                       // from the URL, back to the URL
 *   const input = lab.tensor(() => image && makeInput(image));   // disposed on change and on leaving
 *   const runner = lab.job({ label: 'pooling', run, deliver });  // newest request wins
 *   const details = lab.follow(() => …, 200);             // after the picture is on screen
 *   $effect(() => lab.observe({ pooledSize: … }));        // what the interview mode can read
 *
 * Settings are read from SvelteKit's `page.url` when the page opens and again after every
 * navigation to the same route (a link with another query, back/forward), so the screen always
 * shows what a fresh load of the address shows. Everything the runtime creates — tensors, loads,
 * timers, follow-ups, sliced tasks — is released when the page goes.
 */
import { afterNavigate } from '$app/navigation';
import { page } from '$app/state';
import { onDestroy, setContext, untrack } from 'svelte';
import { readLabState } from '$lib/state/labUrlState';
import { labRunner, type LabRunner } from '$lib/state/labRunner';
import { backendStarted } from '$lib/state/stats.svelte';
import { afterPaint, type AfterPaint } from '$lib/state/afterPaint';
import { renderedEvent } from '$lib/state/renderedEvent';
import { slicedTask } from '$lib/state/slicedTask';
import { dropPendingQuery, writeQuery } from '$lib/state/urlQuery';
import { serializeState, type Schema, type StateOf } from '$lib/state/urlSchema';
import { hiddenKeys, type LabDefinition, type Observed } from './labDefinition';
import { LAB_CONTEXT } from './labContext';
import { clearObservations, observations } from './observations.svelte';

export interface JobOptions<A, R> {
	/** what the Stats panel calls this compute: 'conv + pooling' */
	label: string;
	/** the engine call; resolve null when there is nothing to show */
	run: (args: A) => Promise<R | null>;
	/** a fresh result for the newest request: show it, then call the job's `drawn()` once drawn */
	deliver: (result: R, args: A) => void;
}

/** A value the runtime made from reactive inputs and releases when they change or the page goes. */
export interface Held<T> {
	readonly current: T | null;
}

export interface HoldOptions {
	/**
	 * Make it before the DOM updates (`$effect.pre`), in the same pass as a request that reads it:
	 * a new webcam frame is then computed once, on its own value.
	 */
	beforeDom?: boolean;
}

/** A value loaded asynchronously (a model): `loading` until it arrives, `error` if it failed. */
export interface Loaded<T> extends Held<T> {
	readonly loading: boolean;
	readonly error: string | null;
}

export class LabRuntime<S extends Schema, O extends string = string> {
	readonly definition: LabDefinition<S, O>;
	#state = $state() as StateOf<S>;
	#notices = $state<readonly string[]>([]);
	// Replaced whole on each read of the address, never mutated: a plain Set in raw state.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#hidden = $state.raw<ReadonlySet<string>>(new Set());
	#error = $state<string | null>(null);
	#busy = $state(0);
	readonly #rendered = renderedEvent(window);
	// What to release on leaving: bookkeeping, never read by a template.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #cleanups = new Set<() => void>();
	readonly #keys: string[];

	constructor(definition: LabDefinition<S, O>) {
		this.definition = definition;
		const schema = definition.schema();
		this.#keys = Object.keys(schema);
		this.#read(page.url.searchParams);
		this.#cleanups.add(() => this.#cancelSliced());
		setContext(LAB_CONTEXT, { hidden: () => this.#hidden });
		// The lab's own settings go back to the address bar a moment after each change.
		$effect(() => {
			const written = definition.toUrl ? definition.toUrl(this.#state) : this.#state;
			writeQuery(this.#keys, serializeState(schema, written));
		});
		// A link to this lab with other settings, or back/forward between two of them: the page
		// stays mounted, so read the new address as a fresh load would.
		afterNavigate(({ type, to }) => {
			if (type === 'enter' || !to || !to.url.pathname.endsWith(definition.meta.path)) return;
			dropPendingQuery(this.#keys);
			this.#read(to.url.searchParams);
		});
		onDestroy(() => {
			const cleanups = [...this.#cleanups].reverse();
			this.#cleanups.clear();
			for (const cleanup of cleanups) cleanup();
			clearObservations(definition.meta.path);
		});
	}

	#read(params: URLSearchParams): void {
		const schema = this.definition.schema();
		const parsed = readLabState(schema, params, this.definition.reconcile);
		// Noticed, now gone from the address bar: a copied link carries only what is on screen.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- an empty set of values, once
		if (parsed.strays.length) writeQuery(parsed.strays, new URLSearchParams());
		this.#state = parsed.state;
		this.#notices = parsed.notices;
		this.#hidden = hiddenKeys(schema, params);
	}

	/** the lab's settings, deeply reactive; a change lands in the address bar a moment later */
	get state(): StateOf<S> {
		return this.#state;
	}
	set state(next: StateOf<S>) {
		this.#state = next;
	}
	/** plain-text sentences about ignored or changed settings */
	get notices(): readonly string[] {
		return this.#notices;
	}
	dismissNotices = (): void => {
		this.#notices = [];
	};
	/** Is this control (a schema key) or area ('explain', 'controls'…) hidden by a `_hide` flag? */
	hides(key: keyof S | 'explain' | 'intro' | 'controls' | 'details'): boolean {
		return this.#hidden.has(key as string);
	}
	/** the last failure of a job or load, in words; cleared by the next result */
	get error(): string | null {
		return this.#error;
	}
	/** is a job running or waiting? */
	get busy(): boolean {
		return this.#busy > 0;
	}
	fail = (error: unknown): void => {
		this.#error = error instanceof Error ? error.message : String(error);
	};

	/**
	 * The lab's main compute: only the newest request runs; its time goes to the Stats panel; the
	 * job's `drawn()`, called when the result's picture is on screen, fires `convlab:rendered`.
	 */
	job<A, R>(options: JobOptions<A, R>): LabRunner<A> {
		let running = false;
		return labRunner<A, R>({
			label: options.label,
			// never before the backend has started (a page may ask as soon as its image is there)
			job: async (args) => {
				await backendStarted();
				return options.run(args);
			},
			rendered: this.#rendered,
			deliver: (result, args) => {
				this.#error = null;
				options.deliver(result, args);
			},
			fail: (error) => this.fail(error),
			onbusy: (busy) => {
				if (busy === running) return;
				running = busy;
				this.#busy += busy ? 1 : -1;
			}
		});
	}

	/**
	 * For a lab whose picture needs no job (it is drawn straight from the settings): the picture
	 * asked for at `started` took `computeMs` to compute; call `drawn()` once it is on screen.
	 */
	computed(started: number, computeMs: number): void {
		this.#rendered.computed(started, computeMs);
	}
	/** The main picture for the current settings is on screen: fires `convlab:rendered` once. */
	drawn = (): void => this.#rendered.drawn();

	/**
	 * A value (a tensor, a model's input) made from reactive inputs: made again when what `make`
	 * reads changes, and released — `release`, or `dispose()` if it has one — when replaced and
	 * when the page goes. `make` returns null when there is nothing to make yet.
	 */
	tensor<T extends { dispose(): void }>(make: () => T | null, options?: HoldOptions): Held<T> {
		return this.hold(make, (value) => value.dispose(), options);
	}

	hold<T>(make: () => T | null, release: (value: T) => void, options?: HoldOptions): Held<T> {
		let current = $state.raw<T | null>(null);
		const run = () => {
			const next = make();
			current = next;
			return () => {
				if (next !== null) release(next);
			};
		};
		if (options?.beforeDom) $effect.pre(run);
		else $effect(run);
		return {
			get current() {
				return current;
			}
		};
	}

	/**
	 * An asynchronous value (a model download): loaded again when what `load` reads before its
	 * first `await` changes; a value that arrives after its inputs changed or the page went is
	 * released at once, so leaving during a slow download leaves no tensors behind.
	 */
	load<T>(load: () => Promise<T | null> | null, release: (value: T) => void): Loaded<T> {
		let current = $state.raw<T | null>(null);
		let loading = $state(false);
		let error = $state<string | null>(null);
		$effect(() => {
			const pending = load();
			let live = true;
			let arrived: T | null = null;
			untrack(() => {
				current = null;
				error = null;
				loading = pending !== null;
			});
			pending?.then(
				(value) => {
					if (value === null) return;
					if (!live) return release(value);
					arrived = current = value;
					loading = false;
				},
				(failure: unknown) => {
					if (!live) return;
					loading = false;
					error = failure instanceof Error ? failure.message : String(failure);
				}
			);
			return () => {
				live = false;
				if (arrived !== null) release(arrived);
			};
		});
		return {
			get current() {
				return current;
			},
			get loading() {
				return loading;
			},
			get error() {
				return error;
			}
		};
	}

	/**
	 * Secondary work (views that explain the picture): after the next frame, at most every
	 * `intervalMs`; calls while one is pending merge. Cancelled when the page goes.
	 */
	follow(run: () => void, intervalMs: number): AfterPaint {
		const follower = afterPaint(run, intervalMs);
		this.#cleanups.add(follower.dispose);
		return follower;
	}

	/**
	 * A long secondary computation written as a generator, run in slices of a few ms; starting
	 * another cancels the one before, and leaving the page cancels it too.
	 */
	sliced<T>(steps: Generator<void, T, void>, done: (result: T) => void): void {
		this.#cancelSliced();
		this.#cancelSliced = slicedTask(steps, done);
	}
	#cancelSliced = (): void => {};

	/** `run` after `ms`, unless the page goes first; returns a cancel function. */
	later(run: () => void, ms: number): () => void {
		const cancel = () => {
			clearTimeout(timer);
			this.#cleanups.delete(cancel);
		};
		const timer = setTimeout(() => {
			this.#cleanups.delete(cancel);
			run();
		}, ms);
		this.#cleanups.add(cancel);
		return cancel;
	}

	/** `run` every `ms` while the page is open; returns a cancel function. */
	every(run: () => void, ms: number): () => void {
		const timer = setInterval(run, ms);
		const cancel = () => {
			clearInterval(timer);
			this.#cleanups.delete(cancel);
		};
		this.#cleanups.add(cancel);
		return cancel;
	}

	/** Release `cleanup` when the page goes (a worker, a listener the lab added itself). */
	onLeave(cleanup: () => void): void {
		this.#cleanups.add(cleanup);
	}

	/** Publish what the lab measured now, under the names its definition declares. */
	observe(values: Partial<Record<O, Observed>>): void {
		const path = this.definition.meta.path;
		observations[path] = { ...untrack(() => observations[path]), ...values };
	}
}

/** Run `definition` on this page: call during component initialisation. */
export function useLab<S extends Schema, O extends string>(
	definition: LabDefinition<S, O>
): LabRuntime<S, O> {
	return new LabRuntime(definition);
}
