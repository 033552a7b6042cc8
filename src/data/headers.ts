/**
 * What `model-gate validate` reads of a dataset: the column names (the CSV header line, the Parquet schema in the
 * footer) or the shape (the `.npy` header), never the rows. The same readers and checks as the loader (./load.ts).
 */
import { readCsvHeader } from './csv.ts';
import { readNpyHeader } from './npy.ts';
import { readParquetColumnNames } from './parquet.ts';
import type { Dataset } from './types.ts';

export type DataHeader =
  | { format: 'csv' | 'parquet'; names: string[] }
  | { format: 'npy'; shape: number[] };

/** The header of the dataset file `abs` (shown as `rel`) of the given format. Throws the loader's GateErrors. */
export async function readDataHeader(abs: string, rel: string, format: Dataset['format']): Promise<DataHeader> {
  const opts = { displayPath: rel };
  if (format === 'npy') return { format, shape: (await readNpyHeader(abs, opts)).shape };
  if (format === 'csv') return { format, names: await readCsvHeader(abs, opts) };
  return { format, names: await readParquetColumnNames(abs, opts) };
}
