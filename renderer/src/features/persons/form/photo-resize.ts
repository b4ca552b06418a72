/** The stored photo's ceiling: a JPEG data URL of at most 512 KB (the contract accepts a little more). */
export const PHOTO_MAX_BYTES = 512 * 1024;
const START_SIDE = 800;

/**
 * A portrait from any image the browser can read, as a JPEG data URL no larger than PHOTO_MAX_BYTES:
 * scaled so its longer side is at most 800 px, then compressed harder and made smaller until it fits.
 * It never leaves the workstation; the host stores it in the encrypted database.
 */
export async function resizePhoto(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    let side = START_SIDE;
    for (;;) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      // JPEG has no transparency: a transparent PNG would otherwise turn black.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.86, 0.75, 0.62]) {
        const url = canvas.toDataURL('image/jpeg', quality);
        if (url.length <= PHOTO_MAX_BYTES) return url;
      }
      side = Math.round(side * 0.7);
    }
  } finally {
    bitmap.close();
  }
}
