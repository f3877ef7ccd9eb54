/**
 * Reads a GGUF file's header (metadata and tensor table) without loading the weights, so a file
 * that is not a GGUF or was cut short is rejected with a clear reason BEFORE llama.cpp sees it
 * (llama.cpp would crash or fail with a cryptic message). The model manager reuses this for
 * imports and to verify downloads.
 *
 * Layout (ggml/src/gguf.cpp): "GGUF", u32 version, u64 tensor count, u64 metadata count,
 * metadata key/values, tensor infos (name, dims, ggml type, offset), padding to the alignment,
 * then tensor data. All little-endian.
 *
 * Why not node-llama-cpp's readGgufFileInfo (checked with node-llama-cpp 3.22, issue 13): it
 * reads past the end of a file as zeros, so a GGUF cut to 100 bytes "parses" with 21 tensors and a
 * name of NUL bytes instead of failing; it accepts any version number; its not-a-GGUF error echoes
 * the file's first bytes (this reader must not: models.import can point at any file); it gives no
 * tensor byte sizes, so the completeness check would still need the table below; and it took
 * 27 ms against 4 ms here on the tests' tiny model. The tests cross-check this reader against it.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { ModelInvalidError, ModelMissingError } from '../llm-errors.js';

export type GgufScalar = number | bigint | boolean | string;
export type GgufMetadataValue = GgufScalar | { type: 'array'; elementType: number; length: number; values?: GgufScalar[] };

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  ggmlType: number;
  /** Relative to the start of the data section. */
  offset: number;
  /** Null for a ggml type this reader does not know. */
  byteSize: number | null;
}

export interface GgufHeader {
  path: string;
  version: number;
  tensorCount: number;
  metadata: Record<string, GgufMetadataValue>;
  architecture: string | null;
  name: string | null;
  /** `<arch>.context_length`: the context the model was trained for. */
  contextLength: number | null;
  embeddingLength: number | null;
  blockCount: number | null;
  /** general.file_type (llama_ftype): 0 all F32, 1 mostly F16, 15 Q4_K_M … */
  fileType: number | null;
  chatTemplate: string | null;
  alignment: number;
  tensors: GgufTensorInfo[];
  /** Byte offset where tensor data starts. */
  dataOffset: number;
  /** The smallest file size that holds every tensor the header declares (null if a tensor type is unknown). */
  expectedMinSize: number | null;
  fileSize: number;
}

/** [block size, bytes per block] per ggml type id, taken from the bundled llama.cpp (ggml type_traits). */
const GGML_TYPE_SIZES: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17], 40: [64, 36], 41: [128, 18], 42: [64, 18],
};

/** Bytes of the fixed-size metadata value types (gguf_type); 8 = string and 9 = array are variable. */
const SCALAR_SIZES: Readonly<Record<number, number>> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

// Sanity limits: a corrupt count must produce a clear error, not an attempt to read terabytes.
const MAX_STRING_BYTES = 64 * 1024 * 1024;
const MAX_COUNT = 100_000_000;
const MAX_DIMS = 8;
const SMALL_ARRAY = 64;

class TruncatedError extends Error {}
class FormatError extends Error {}

/** Sequential little-endian reader over a file handle, reading 1 MiB at a time. */
class FileCursor {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
  ) {}

  private async ensure(bytes: number): Promise<Buffer> {
    if (this.position + bytes > this.fileSize) throw new TruncatedError(`needs ${this.position + bytes} bytes`);
    const relative = this.position - this.bufferStart;
    if (relative >= 0 && relative + bytes <= this.buffer.length) return this.buffer.subarray(relative, relative + bytes);
    const size = Math.max(bytes, 1024 * 1024);
    const chunk = Buffer.alloc(Math.min(size, this.fileSize - this.position));
    const { bytesRead } = await this.handle.read(chunk, 0, chunk.length, this.position);
    if (bytesRead < bytes) throw new TruncatedError(`short read at ${this.position}`);
    this.buffer = chunk.subarray(0, bytesRead);
    this.bufferStart = this.position;
    return this.buffer.subarray(0, bytes);
  }

  async bytes(n: number): Promise<Buffer> {
    const b = await this.ensure(n);
    this.position += n;
    return b;
  }
  async u32(): Promise<number> {
    return (await this.bytes(4)).readUInt32LE(0);
  }
  async u64(): Promise<number> {
    const v = (await this.bytes(8)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`a size field is impossibly large (${v})`);
    return Number(v);
  }
  async string(): Promise<string> {
    const length = await this.u64();
    if (length > MAX_STRING_BYTES) throw new FormatError(`a string field claims ${length} bytes`);
    return (await this.bytes(length)).toString('utf8');
  }
  skip(n: number): void {
    if (this.position + n > this.fileSize) throw new TruncatedError(`skip past end`);
    this.position += n;
  }
}

async function readScalar(c: FileCursor, type: number): Promise<GgufScalar> {
  switch (type) {
    case 0: return (await c.bytes(1)).readUInt8(0);
    case 1: return (await c.bytes(1)).readInt8(0);
    case 2: return (await c.bytes(2)).readUInt16LE(0);
    case 3: return (await c.bytes(2)).readInt16LE(0);
    case 4: return (await c.bytes(4)).readUInt32LE(0);
    case 5: return (await c.bytes(4)).readInt32LE(0);
    case 6: return (await c.bytes(4)).readFloatLE(0);
    case 7: return (await c.bytes(1)).readUInt8(0) !== 0;
    case 8: return c.string();
    case 10: return (await c.bytes(8)).readBigUInt64LE(0);
    case 11: return (await c.bytes(8)).readBigInt64LE(0);
    case 12: return (await c.bytes(8)).readDoubleLE(0);
    default: throw new FormatError(`unknown metadata value type ${type}`);
  }
}

async function readValue(c: FileCursor, type: number): Promise<GgufMetadataValue> {
  if (type !== 9) return readScalar(c, type);
  const elementType = await c.u32();
  const length = await c.u64();
  if (length > MAX_COUNT) throw new FormatError(`an array claims ${length} elements`);
  if (elementType === 9) throw new FormatError('nested arrays are not supported');
  const keep = length <= SMALL_ARRAY;
  const values: GgufScalar[] = [];
  const fixed = SCALAR_SIZES[elementType];
  if (fixed !== undefined && !keep) {
    c.skip(fixed * length);
  } else {
    for (let i = 0; i < length; i++) {
      const v = await readScalar(c, elementType);
      if (keep) values.push(v);
    }
  }
  return keep ? { type: 'array', elementType, length, values } : { type: 'array', elementType, length };
}

function tensorBytes(ggmlType: number, dims: number[]): number | null {
  const traits = GGML_TYPE_SIZES[ggmlType];
  if (!traits) return null;
  const [blockSize, typeSize] = traits;
  const elements = dims.reduce((a, b) => a * b, 1);
  return Math.ceil(elements / blockSize) * typeSize;
}

function num(v: GgufMetadataValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function str(v: GgufMetadataValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

async function parse(handle: FileHandle, filePath: string, fileSize: number): Promise<GgufHeader> {
  const c = new FileCursor(handle, fileSize);
  const magic = (await c.bytes(4)).toString('latin1');
  // Never echo the bytes: models.import can be pointed at any readable file (a key file, a document).
  if (magic !== 'GGUF') throw new FormatError('it is not a GGUF file');
  const version = await c.u32();
  if (version !== 2 && version !== 3) throw new FormatError(`it uses GGUF version ${version}; only versions 2 and 3 are supported`);
  const tensorCount = await c.u64();
  const metadataCount = await c.u64();
  if (tensorCount > MAX_COUNT || metadataCount > MAX_COUNT) throw new FormatError('its header declares an impossible number of entries');

  const metadata: Record<string, GgufMetadataValue> = {};
  for (let i = 0; i < metadataCount; i++) {
    const key = await c.string();
    const type = await c.u32();
    metadata[key] = await readValue(c, type);
  }

  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = await c.string();
    const nDims = await c.u32();
    if (nDims < 1 || nDims > MAX_DIMS) throw new FormatError(`tensor ${name} has ${nDims} dimensions`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(await c.u64());
    const ggmlType = await c.u32();
    const offset = await c.u64();
    tensors.push({ name, dims, ggmlType, offset, byteSize: tensorBytes(ggmlType, dims) });
  }

  const alignment = num(metadata['general.alignment']) ?? 32;
  if (alignment <= 0 || alignment % 8 !== 0) throw new FormatError(`its alignment ${alignment} is invalid`);
  const dataOffset = Math.ceil(c.position / alignment) * alignment;
  let expectedMinSize: number | null = dataOffset;
  for (const t of tensors) {
    if (t.byteSize === null) {
      expectedMinSize = null;
      break;
    }
    expectedMinSize = Math.max(expectedMinSize, dataOffset + t.offset + t.byteSize);
  }

  const architecture = str(metadata['general.architecture']);
  const arch = architecture ?? '';
  return {
    path: filePath,
    version,
    tensorCount,
    metadata,
    architecture,
    name: str(metadata['general.name']),
    contextLength: num(metadata[`${arch}.context_length`]),
    embeddingLength: num(metadata[`${arch}.embedding_length`]),
    blockCount: num(metadata[`${arch}.block_count`]),
    fileType: num(metadata['general.file_type']),
    chatTemplate: str(metadata['tokenizer.chat_template']),
    alignment,
    tensors,
    dataOffset,
    expectedMinSize,
    fileSize,
  };
}

export interface GgufReadOptions {
  /** Catalog id for the "how to get it" hint when the file is missing. */
  modelId?: string;
  role?: 'chat' | 'embedding' | 'draft' | 'reranker';
}

/**
 * Reads the header. Throws ModelMissingError when there is no file, ModelInvalidError when it is
 * not a GGUF or the header itself is cut short. Does not check that the tensor data is complete:
 * use assertCompleteGguf for that.
 */
export async function readGgufHeader(filePath: string, options: GgufReadOptions = {}): Promise<GgufHeader> {
  let size: number;
  try {
    const s = await stat(filePath);
    if (!s.isFile()) throw new ModelInvalidError(filePath, 'it is a folder, not a model file');
    size = s.size;
  } catch (err) {
    if (err instanceof ModelInvalidError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelMissingError({ modelId: options.modelId, modelPath: filePath, role: options.role });
    throw new ModelInvalidError(filePath, `it cannot be read (${(err as Error).message})`, { cause: err });
  }
  if (size === 0) throw new ModelInvalidError(filePath, 'the file is empty');
  const handle = await open(filePath, 'r');
  try {
    return await parse(handle, filePath, size);
  } catch (err) {
    if (err instanceof TruncatedError) throw new ModelInvalidError(filePath, `the file is truncated: it ends inside its own header (${size} bytes)`, { cause: err });
    if (err instanceof FormatError) throw new ModelInvalidError(filePath, err.message, { cause: err });
    throw err;
  } finally {
    await handle.close();
  }
}

/** Reads the header and checks the file holds every tensor it declares; a partial download fails here. */
export async function assertCompleteGguf(filePath: string, options: GgufReadOptions = {}): Promise<GgufHeader> {
  const header = await readGgufHeader(filePath, options);
  if (header.tensorCount === 0) throw new ModelInvalidError(filePath, 'it contains no tensors (a vocabulary-only file, not a model)');
  if (header.expectedMinSize !== null && header.fileSize < header.expectedMinSize) {
    throw new ModelInvalidError(
      filePath,
      `the file is truncated: it has ${header.fileSize} bytes but its header describes ${header.expectedMinSize} (an interrupted download?)`,
    );
  }
  return header;
}
