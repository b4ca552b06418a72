import { useEffect, useState } from 'react';

/**
 * The height a long table's body may take: the window less what stands above and below it (at least
 * `min`). A virtual table needs it in pixels; it follows the window as it is resized.
 */
export function useTableHeight(reserved: number, min = 320): number {
  const measure = () => Math.max(min, window.innerHeight - reserved);
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const onResize = () => setHeight(Math.max(min, window.innerHeight - reserved));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [reserved, min]);
  return height;
}
