/**
 * The poisoning gate's policy section (`gates.poisoning`, policies/model-gate.schema.json `$defs.poisoning`), as
 * `parsePolicy` returns it: every documented default applied (the `?` keys have none).
 */
import type { Thresholds } from '../../types/policy-parts.ts';

export const POISONING_METRICS = [
  'flagged_classes', 'suspected_fraction', 'suspected_rows',
  'spectral_flagged_classes', 'clustering_flagged_classes', 'strip_suspected_fraction', 'label_issue_fraction',
] as const;
export type PoisoningMetric = (typeof POISONING_METRICS)[number];

export const SCREENS = ['spectral', 'clustering', 'strip', 'labels'] as const;
export type Screen = (typeof SCREENS)[number];

export interface PoisoningGatePolicy {
  /** The training rows (or a sample of them) with the labels the model was trained on. */
  dataset: string;
  /** The tensor whose values are the representations; default: the penultimate one (the input of the last Gemm/MatMul). */
  layer?: string;
  /** Rows screened (taken as the dataset's `sample` says). Default: all rows. */
  limit?: number;
  /** Default [spectral, clustering]; `strip` needs `strip.clean`, `labels` needs `labels.probabilities`. */
  screens: Screen[];
  /** Classes with fewer rows are not screened (reported, never passed silently). Default 20. */
  'min-class-size': number;
  /** The share of poisoned rows a poisoned class is assumed to hold, for spectral's classic top list. Default 0.1. */
  'expected-rate': number;
  spectral: { 'min-separation': number; 'min-share': number; factor: number };
  clustering: { components: number; inits: number; 'min-silhouette': number; 'min-relative-size': number; 'max-relative-size': number };
  strip?: {
    /** Clean rows to superimpose (a dataset of the same input shape that the training did not touch, e.g. held-out rows). */
    clean: string;
    /** Perturbations per row. Default 100. */
    n: number;
    /** False-rejection rate on the clean rows that sets the entropy threshold. Default 0.01. */
    frr: number;
    /** Screened rows (of the dataset's sample). Default: all. */
    limit?: number;
    /** Valid input range (blends are clipped to it). Default: none. */
    clip?: [number, number];
  };
  labels?: {
    /**
     * OUT-OF-SAMPLE predicted probabilities of the screened dataset's rows: a dataset (`.npy`, [rows, classes]) or
     * columns of the dataset (one per class, in class order).
     */
    probabilities: { dataset: string } | { columns: string[] };
  };
  /** Suspect images in the PNG grid (image inputs). Default 25; 0: no grid. */
  grid: number;
  thresholds?: Thresholds<PoisoningMetric>;
}
