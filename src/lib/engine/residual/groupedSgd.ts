/**
 * engine/sgd.ts's SGD (momentum, weight decay; PyTorch's torch.optim.SGD) applied to every
 * variable of one shape at once. The degradation nets have 57 variables at depth 20 and 165 at
 * depth 56 but only five shapes (the blocks' 64×64 weights, the 64-wide γ and β, the input and
 * head weights, the head's bias); sgd.ts's six ops per variable were ~700 of a training step's
 * ~2,400 kernels for a 20-layer pair. Here the variables of a shape are stacked, updated with
 * the very same element-wise ops in the same order (so the same floats as sgd.ts), and split back:
 *   g ← ∇f(θ) + λ·θ,   v ← μ·v + g,   θ ← θ − lr·v
 * On WASM the whole step is one kernel over every variable (engine/sgdKernel.ts: the same floats
 * again, one pass, no stacking), with a velocity per variable.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../optimizer';
import type { SgdOptions } from '../sgd';
import { hasSgdKernel, sgdStepKernel } from '../sgdKernel';

interface Group {
	variables: tf.Variable[];
	/** [count, ...shape], the velocities of `variables` stacked (μ > 0) */
	velocity: tf.Variable | null;
}

/** One long vector of the tensors' values, one after another (TF.js's stack/unstack are slow on WASM). */
const flatConcat = (tensors: tf.Tensor[]) => tf.concat(tensors.map((t) => tf.reshape(t, [-1])));

const shapeKey = (v: tf.Variable) => v.shape.join('×');

export function groupedSgd(
	learningRate = 0.01,
	{ momentum = 0, weightDecay = 0 }: SgdOptions = {}
): Optimizer {
	if (!(momentum >= 0 && momentum < 1))
		throw new Error(`momentum must be in [0, 1), got ${momentum}`);
	if (!(weightDecay >= 0)) throw new Error(`weight decay must be ≥ 0, got ${weightDecay}`);
	let groups: Group[] = [];
	let grouped: tf.Variable[] = [];
	/** the kernel's velocities, one per variable (μ > 0) */
	const velocities = new Map<tf.Variable, tf.Variable>();

	/** The variables by shape, in first-seen order; velocities kept while the variables stay. */
	function groupsOf(vars: tf.Variable[]): Group[] {
		if (vars.length === grouped.length && vars.every((v, i) => v === grouped[i])) return groups;
		release();
		const byShape = new Map<string, tf.Variable[]>();
		for (const v of vars) byShape.set(shapeKey(v), [...(byShape.get(shapeKey(v)) ?? []), v]);
		grouped = [...vars];
		groups = [...byShape.values()].map((variables) => ({ variables, velocity: null }));
		return groups;
	}

	/** The kernel's step: every variable in one pass. */
	function kernelStep(vars: tf.Variable[], grads: tf.NamedTensorMap): void {
		const present = vars.filter((v) => grads[v.name]);
		if (present.length < vars.length) throw new Error('groupedSgd: a variable has no gradient');
		if (velocities.size && vars.some((v) => !velocities.has(v))) release();
		tf.tidy(() => {
			const current =
				momentum > 0
					? vars.map((v) => {
							let velocity = velocities.get(v);
							if (!velocity) {
								velocity = tf.variable(tf.zerosLike(v), false);
								velocities.set(v, velocity);
							}
							return velocity as tf.Tensor;
						})
					: null;
			const updated = sgdStepKernel(
				vars,
				vars.map((v) => grads[v.name]),
				current,
				{ learningRate: self.learningRate, momentum, weightDecay }
			);
			vars.forEach((v, i) => {
				v.assign(updated[i]);
				if (current) velocities.get(v)!.assign(updated[vars.length + i]);
			});
		});
	}

	function release(): void {
		tf.dispose([...velocities.values()]);
		velocities.clear();
		tf.dispose(groups.flatMap((g) => (g.velocity ? [g.velocity] : [])));
		groups = [];
		grouped = [];
	}

	const self: Optimizer = {
		learningRate,
		minimize(f, vars) {
			const { value, grads } = tf.variableGrads(f, vars);
			if (hasSgdKernel()) {
				try {
					kernelStep(vars, grads);
				} finally {
					tf.dispose(Object.values(grads));
				}
				return value;
			}
			tf.tidy(() => {
				for (const group of groupsOf(vars)) {
					const present = group.variables.every((v) => grads[v.name]);
					if (!present) throw new Error('groupedSgd: a variable has no gradient');
					const one = group.variables.length === 1;
					const theta = one ? group.variables[0] : flatConcat(group.variables);
					let g: tf.Tensor = one
						? grads[group.variables[0].name]
						: flatConcat(group.variables.map((v) => grads[v.name]));
					if (weightDecay > 0) g = tf.add(g, tf.mul(theta, weightDecay));
					if (momentum > 0) {
						if (!group.velocity) group.velocity = tf.variable(tf.zerosLike(theta), false);
						group.velocity.assign(tf.add(tf.mul(group.velocity, momentum), g));
						g = group.velocity;
					}
					const updated = tf.sub(theta, tf.mul(g, self.learningRate));
					if (one) group.variables[0].assign(updated);
					else
						tf.split(updated, group.variables.length).forEach((u, i) =>
							group.variables[i].assign(tf.reshape(u, group.variables[i].shape))
						);
				}
			});
			tf.dispose(Object.values(grads));
			return value;
		},
		dispose: release
	};
	return self;
}
