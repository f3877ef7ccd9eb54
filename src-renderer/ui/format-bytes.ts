/**
 * "1.2 GB", "640 MB", "12 kB": sizes in decimal units, as disks and downloads label them. The
 * one size format of the app (model files, downloads, memory use, task files), so the same file
 * never reads as two sizes on two screens.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
