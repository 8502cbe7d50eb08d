import { formatValue } from '$lib/components/formatValue';
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

/**
 * What a screen reader hears a quarter second after a unit is picked: its layer, its place and its
 * value. Null when the network shown no longer has that unit: the learner switched the model, or
 * the maps are not in yet, in that quarter second (the random walk found the page reading a map
 * that was gone).
 */
export function unitAnnouncement(
	unit: UnitRef,
	maps: readonly MapData[],
	layers: readonly { name: string; flat: boolean }[]
): string | null {
	const shown = selectedUnit(unit, maps, (i) => layers[i]?.flat === true);
	const layer = shown && layers[shown.layer];
	if (!shown || !layer) return null;
	const map = maps[shown.layer];
	if (layer.flat)
		return `${layer.name}, unit ${shown.channel + 1}: ${formatValue(map.data[shown.channel])}`;
	const value = map.data[(shown.y * map.width + shown.x) * map.channels + shown.channel];
	return `${layer.name}, map ${shown.channel + 1}, row ${shown.y}, column ${shown.x}: ${formatValue(value)}`;
}
