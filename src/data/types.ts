/**
 * A loaded dataset. Tabular sources (CSV, Parquet) are columnar; `.npy` sources carry one dense feature tensor.
 * Missing numeric values are NaN; missing strings are null.
 */
export type Column =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'string'; values: (string | null)[] };

export interface Dataset {
  name: string;
  /** Workspace-relative POSIX path of the feature file. */
  path: string;
  format: 'csv' | 'npy' | 'parquet';
  /** sha256 hex of the file bytes (for `.npy` with a labels file: of the features file; labels in `extraFiles`). */
  sha256: string;
  /** Other files read for this dataset (e.g. the labels `.npy`), with their sha256. */
  extraFiles: { path: string; sha256: string }[];
  rows: number;
  /** Tabular: every column of the file in file order (label and excluded columns included). Empty for `.npy`. */
  columns: Map<string, Column>;
  /** Tabular: the columns fed to the model by default (all but the label and `exclude`), in file order. */
  features: string[];
  /** `.npy`: the feature tensor [rows, ...] after `transform`, as float32. */
  tensor?: {
    data: Float32Array;
    shape: number[];
    /** An integer or bool `.npy` (no scale/mean/std transform): its values as read, exact up to 2^53 (int64 inputs). */
    exact?: Float64Array;
    /** The `.npy` dtype, e.g. `<i8`. */
    dtype?: string;
  };
  /** CSV: where rows start in the file (`lineOfRow` of src/data/csv.ts gives row → 1-based line). */
  lineBreaks?: Int32Array;
  /** Name of the label column (tabular) or the labels file (npy). */
  labelColumn?: string;
  /** Labels after `label-map`, or undefined when the dataset has none. */
  labels?: Column;
}
