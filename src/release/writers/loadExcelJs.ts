import { PrikkError } from '../../errors/PrikkError.js';

/** The exceljs module (its CommonJS exports). */
export type ExcelJsModule = typeof import('exceljs');

/**
 * Loads the optional package exceljs (4.x) with a dynamic `import`, so that prikk installs and runs without it
 * unless XLSX output is asked for. exceljs is CommonJS: its exports are the namespace's `default`.
 *
 * Cost: one module load (cached by Node after the first call).
 *
 * @param importer - Defaults to `() => import('exceljs')`. Tests pass one that fails, to see the message.
 * @throws {PrikkError} `INVALID_ARGUMENT` when the package cannot be loaded: "formatXlsx: the optional package
 * exceljs is not installed; npm install exceljs, or leave xlsx out of output.formats".
 * @example
 * const ExcelJS = await loadExcelJs();
 * new ExcelJS.Workbook() // an empty workbook
 */
export async function loadExcelJs(importer: () => Promise<unknown> = () => import('exceljs')): Promise<ExcelJsModule> {
  let mod: unknown;
  try {
    mod = await importer();
  } catch {
    mod = undefined;
  }
  const ns = mod as { default?: ExcelJsModule } & Partial<ExcelJsModule> | undefined;
  const excel = ns?.default?.Workbook !== undefined ? ns.default : ns?.Workbook !== undefined ? (ns as ExcelJsModule) : undefined;
  if (excel === undefined) {
    throw new PrikkError(
      'INVALID_ARGUMENT',
      'formatXlsx: the optional package exceljs is not installed; npm install exceljs, or leave xlsx out of output.formats',
    );
  }
  return excel;
}
