// The one way the page hands the user a file: a temporary object URL on a clicked <a download>.
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click has started the download; the URL is kept a moment for browsers that read it late.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
