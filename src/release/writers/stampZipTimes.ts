import { PrikkError } from '../../errors/PrikkError.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Sets the modification time of every entry of a ZIP archive (an XLSX file is one) to `date`, so that the same
 * content gives the same bytes: zip writers (JSZip, used by exceljs) stamp each entry with the current time. Only the
 * MS-DOS time and date fields of the local and central headers change (PKWARE APPNOTE 6.3.10, §4.3.7 and §4.3.12);
 * CRCs cover the data only, so the archive stays valid. DOS time has a 2-second resolution and UTC is used, as
 * JSZip does, so the result does not depend on the machine's time zone; dates before 1980 or after 2107 (outside
 * DOS time) become 1980-01-01 00:00.
 *
 * Cost: O(entries) after a backward scan of at most 64 KiB for the end record; the input is not changed (a copy is
 * returned).
 *
 * @param zip - Required. The archive's bytes (no ZIP64, no multi-disk archive: what JSZip writes).
 * @param date - Required. A valid Date.
 * @throws {PrikkError} `INVALID_ARGUMENT` when `date` is not a valid Date or the bytes are not such a ZIP archive.
 * @example
 * const stamped = stampZipTimes(await workbook.xlsx.writeBuffer(), new Date('2025-03-01T12:00:00Z'));
 * // every entry now says 2025-03-01 12:00:00; written again tomorrow, the same workbook gives the same bytes
 */
export function stampZipTimes(zip: Uint8Array, date: Date): Uint8Array {
  if (!(zip instanceof Uint8Array)) throw new PrikkError('INVALID_ARGUMENT', 'stampZipTimes: zip: expected a Uint8Array');
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new PrikkError('INVALID_ARGUMENT', 'stampZipTimes: date: expected a valid Date');
  const fail = (what: string): never => {
    throw new PrikkError('INVALID_ARGUMENT', `stampZipTimes: not a ZIP archive this function can stamp (${what})`);
  };
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);

  let year = date.getUTCFullYear();
  let [month, day, hours, minutes, seconds] = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (year < 1980 || year > 2107) [year, month, day, hours, minutes, seconds] = [1980, 1, 1, 0, 0, 0];
  const dosTime = (hours << 11) | (minutes << 5) | (seconds >> 1);
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;

  // The end of central directory record: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1;
  for (let p = out.length - 22; p >= Math.max(0, out.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) fail('no end of central directory record');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let e = 0; e < entries; e++) {
    if (p + 46 > out.length || view.getUint32(p, true) !== CENTRAL) fail(`central directory entry ${e}`);
    view.setUint16(p + 12, dosTime, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    if (local + 30 > out.length || view.getUint32(local, true) !== LOCAL) fail(`local header of entry ${e}`);
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
