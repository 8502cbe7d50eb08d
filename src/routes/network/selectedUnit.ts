import type { UnitRef } from '$lib/state/networkState';
import type { MapData } from '$lib/types/mapData';

/**
 * The unit the URL names, if it exists in the network shown: its layer, channel and (for a map)
 * row and column in range; a vector layer's unit (dense, flatten) has row and column 0.
 */
export function selectedUnit(
	unit: UnitRef | null,
	maps: readonly MapData[],
	flat: (layer: number) => boolean
): UnitRef | null {
	if (!unit || !maps[unit.layer]) return null;
	const map = maps[unit.layer];
	if (unit.channel >= map.channels) return null;
	if (flat(unit.layer)) return { ...unit, y: 0, x: 0 };
	if (unit.y >= map.height || unit.x >= map.width) return null;
	return unit;
}
