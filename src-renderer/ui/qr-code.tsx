import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn as SVG from the module matrix (no image URL, no injected markup), so an
 * authenticator app can scan the setup link straight off the screen. Dark modules on a white
 * field with the standard 4-module quiet zone: scanners need the contrast in either theme.
 */
export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
    return { d, extent: modules.size + 8 };
  }, [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${path.extent} ${path.extent}`} shapeRendering="crispEdges">
      <rect width={path.extent} height={path.extent} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
