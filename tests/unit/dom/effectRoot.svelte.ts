/** Runs `setup` where effects can be created (as a component's script does); returns their stop. */
export const effectRoot = (setup: () => void): (() => void) => $effect.root(setup);
