// `-` as a path: read standard input as one blob named <stdin>.
import type { Blob } from '../contracts/blob.js';

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Blob> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return { origin: { kind: 'stdin', path: '<stdin>' }, bytes: Buffer.concat(chunks) };
}
