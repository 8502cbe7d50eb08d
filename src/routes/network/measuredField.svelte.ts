/**
 * A selfie unit's receptive field, measured: the gradient of the unit with respect to the input
 * (through every path of the graph), computed a moment after the unit is picked and its maps are
 * drawn, newest unit only.
 */
import type { LabRuntime } from '$lib/runtime/labRuntime.svelte';
import type { UnitRef } from '$lib/state/networkState';
import type { Schema } from '$lib/state/urlSchema';
import type { Picture } from './networkPicture';
import type { SelfieSession } from './selfieSession';

export interface FieldRequest {
	/** names the unit and the input it is measured on */
	key: string;
	measure: () => Promise<Float32Array>;
}

/** What to measure for `unit` on the selfie network's picture; null for another network or the input layer. */
export function selfieFieldRequest(
	session: SelfieSession | null,
	picture: Picture | null,
	unit: UnitRef | null
): FieldRequest | null {
	if (!session || picture?.kind !== 'selfie' || !unit || unit.layer === 0) return null;
	const { input, maps } = picture.p;
	const { layer, channel, y, x } = unit;
	return {
		key: `${layer},${channel},${y},${x}:${input.length}:${maps[0]?.data[0]}`,
		measure: () => session.unitField(input, layer, channel, y, x)
	};
}

export class MeasuredField {
	#measured = $state.raw<{ key: string; values: Float32Array } | null>(null);
	readonly #asked: FieldRequest | null;

	/** `request`: the unit to measure now (reactive), or null for none */
	constructor(lab: Pick<LabRuntime<Schema>, 'later' | 'fail'>, request: () => FieldRequest | null) {
		this.#asked = $derived(request());
		let sequence = 0;
		$effect(() => {
			const asked = this.#asked;
			if (!asked) return;
			const mine = ++sequence;
			return lab.later(() => {
				asked
					.measure()
					.then((values) => {
						if (mine === sequence) this.#measured = { key: asked.key, values };
					})
					.catch((error) =>
						lab.fail(`The receptive field could not be measured: ${String(error)}`)
					);
			}, 60);
		});
	}

	/** the field measured for the unit asked for now, or null while it is not (yet) */
	get values(): Float32Array | null {
		const key = this.#asked?.key;
		return key && this.#measured?.key === key ? this.#measured.values : null;
	}
}
