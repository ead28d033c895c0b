// pdfjs-dist ships no types for its worker module; only its presence matters (pdf.ts hands it to pdfjs whole).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
