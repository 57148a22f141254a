// A minimal ZIP writer (deflate, no zip64) with node:zlib, for the small Teams app package.
// Entries carry a fixed 1980-01-01 timestamp so that the same inputs give byte-identical zips.
import zlib from "node:zlib";

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const DEFLATE = 8;
const VERSION_NEEDED = 20; // 2.0: deflate

export function zipFile(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = zlib.deflateRawSync(entry.data, { level: 9 });
    const fields = { crc: zlib.crc32(entry.data), compressedSize: compressed.length, size: entry.data.length, nameLength: name.length };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommonFields(local, 4, fields);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_NEEDED, 4); // made by: MS-DOS, 2.0
    writeCommonFields(central, 6, fields);
    central.writeUInt32LE(offset, 42); // comment, disk, attributes stay zero
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields the local header and the central directory share, from "version needed" to "extra length". */
function writeCommonFields(
  target: Buffer,
  at: number,
  fields: { crc: number; compressedSize: number; size: number; nameLength: number },
): void {
  target.writeUInt16LE(VERSION_NEEDED, at);
  target.writeUInt16LE(0x0800, at + 2); // flags: names are UTF-8
  target.writeUInt16LE(DEFLATE, at + 4);
  target.writeUInt16LE(0, at + 6); // 00:00:00
  target.writeUInt16LE(DOS_DATE_1980_01_01, at + 8);
  target.writeUInt32LE(fields.crc, at + 10);
  target.writeUInt32LE(fields.compressedSize, at + 14);
  target.writeUInt32LE(fields.size, at + 18);
  target.writeUInt16LE(fields.nameLength, at + 22);
  target.writeUInt16LE(0, at + 24); // no extra field
}
