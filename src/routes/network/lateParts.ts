/**
 * The Network lab's parts that its first picture does not need — saliency, the confusion
 * matrix, live training, the exports and the explanation (with its typeset formulas) — in one
 * chunk the page imports once that picture is on screen: their code (KaTeX, the confusion
 * matrix's engine, the training panel's charts) is then neither downloaded nor evaluated
 * before it.
 */
export { default as SaliencyPanel } from './SaliencyPanel.svelte';
export { default as SelfieSaliencyPanel } from './SelfieSaliencyPanel.svelte';
export { default as ConfusionPanel } from './ConfusionPanel.svelte';
export { default as TrainingSection } from './TrainingSection.svelte';
export { default as LayerExports } from './LayerExports.svelte';
export { default as NetworkExplanation } from './NetworkExplanation.svelte';
