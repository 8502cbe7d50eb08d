/** A deeply reactive copy of `value`, as a page's `$state` is: for components that bind and mutate. */
export function reactive<T extends object>(value: T): T {
	const state = $state(value);
	return state;
}
