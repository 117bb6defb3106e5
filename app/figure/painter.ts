// What the figure is drawn with: a few primitives, implemented on a 2D canvas (Save PNG, Copy figure)
// and as SVG text (Save SVG: real text and lines, the cell images embedded as pixelated PNGs).
// Text is placed by its top edge; widths come from the same canvas font measurement in both.

export interface TextStyle {
  size: number;
  mono?: boolean;
  weight?: number;
  color: string;
  align?: 'left' | 'center' | 'right';
  /** Squeezed to this width when wider. */
  maxWidth?: number;
}

export interface Painter {
  measure(s: string, style: TextStyle): number;
  /** Draws `s` with its top at y; returns its width. */
  text(s: string, x: number, y: number, style: TextStyle): number;
  rect(x: number, y: number, width: number, height: number, fill: string, radius?: number): void;
  strokeRect(x: number, y: number, width: number, height: number, stroke: string, lineWidth: number): void;
  /** Straight segments [x1, y1, x2, y2] in one stroke. */
  lines(segments: number[][], stroke: string, lineWidth: number, dash?: number[]): void;
  /** Triangles [x1, y1, x2, y2, x3, y3] in one fill. */
  triangles(points: number[][], fill: string): void;
  /** Circles of one radius around the centres [x, y], stroked. */
  rings(centres: number[][], radius: number, stroke: string, lineWidth: number): void;
  /** Part (sx, sy, sw, sh) of a one-pixel-per-cell image, scaled to (dx, dy, dw, dh): pixelated unless `smooth`. */
  image(
    source: HTMLCanvasElement,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
    smooth?: boolean,
  ): void;
}

export const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const MONO = 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';
const font = (s: TextStyle) => `${s.weight ?? 400} ${s.size}px ${s.mono ? MONO : SANS}`;

let measurer: CanvasRenderingContext2D | null = null;
function measureWith(s: string, style: TextStyle): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return s.length * style.size * 0.6;
  measurer.font = font(style);
  return measurer.measureText(s).width;
}

export function canvasPainter(ctx: CanvasRenderingContext2D): Painter {
  ctx.textBaseline = 'top';
  return {
    measure: measureWith,
    text(s, x, y, style) {
      ctx.font = font(style);
      ctx.fillStyle = style.color;
      ctx.textAlign = style.align ?? 'left';
      if (style.maxWidth !== undefined) ctx.fillText(s, x, y, style.maxWidth);
      else ctx.fillText(s, x, y);
      return Math.min(ctx.measureText(s).width, style.maxWidth ?? Infinity);
    },
    rect(x, y, width, height, fill, radius) {
      ctx.fillStyle = fill;
      if (radius) {
        ctx.beginPath();
        ctx.roundRect(x, y, width, height, radius);
        ctx.fill();
      } else ctx.fillRect(x, y, width, height);
    },
    strokeRect(x, y, width, height, stroke, lineWidth) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = lineWidth;
      ctx.strokeRect(x, y, width, height);
    },
    lines(segments, stroke, lineWidth, dash = []) {
      ctx.save();
      ctx.strokeStyle = stroke;
      ctx.lineWidth = lineWidth;
      ctx.setLineDash(dash);
      ctx.beginPath();
      for (const [x1, y1, x2, y2] of segments) {
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
      }
      ctx.stroke();
      ctx.restore();
    },
    triangles(points, fill) {
      ctx.fillStyle = fill;
      ctx.beginPath();
      for (const [x1, y1, x2, y2, x3, y3] of points) {
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.lineTo(x3, y3);
        ctx.closePath();
      }
      ctx.fill();
    },
    rings(centres, radius, stroke, lineWidth) {
      ctx.strokeStyle = stroke;
      ctx.lineWidth = lineWidth;
      ctx.beginPath();
      for (const [x, y] of centres) {
        ctx.moveTo(x + radius, y);
        ctx.arc(x, y, radius, 0, 2 * Math.PI);
      }
      ctx.stroke();
    },
    image(source, sx, sy, sw, sh, dx, dy, dw, dh, smooth = false) {
      ctx.imageSmoothingEnabled = smooth;
      ctx.drawImage(source, sx, sy, sw, sh, dx, dy, dw, dh);
    },
  };
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const n = (v: number) => String(Math.round(v * 100) / 100);

/** An SVG painter: draw, then `svg()` gives the document. Text stays text (editable in slide tools). */
export function svgPainter(width: number, height: number): Painter & { svg(): string } {
  const parts: string[] = [];
  return {
    measure: measureWith,
    text(s, x, y, style) {
      const width = measureWith(s, style);
      const squeeze =
        style.maxWidth !== undefined && width > style.maxWidth ? ` textLength="${n(style.maxWidth)}" lengthAdjust="spacingAndGlyphs"` : '';
      const anchor = style.align === 'center' ? 'middle' : style.align === 'right' ? 'end' : 'start';
      // Canvas text is placed by its top; SVG by its alphabetic baseline, ~0.8 em lower.
      parts.push(
        `<text x="${n(x)}" y="${n(y + style.size * 0.8)}" font-family="${escapeXml(style.mono ? MONO : SANS)}" font-size="${n(style.size)}" font-weight="${style.weight ?? 400}" fill="${style.color}" text-anchor="${anchor}"${squeeze}>${escapeXml(s)}</text>`,
      );
      return Math.min(width, style.maxWidth ?? Infinity);
    },
    rect(x, y, w, h, fill, radius) {
      parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"${radius ? ` rx="${n(radius)}"` : ''} fill="${fill}"/>`);
    },
    strokeRect(x, y, w, h, stroke, lineWidth) {
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${stroke}" stroke-width="${n(lineWidth)}"/>`,
      );
    },
    lines(segments, stroke, lineWidth, dash = []) {
      if (segments.length === 0) return;
      const d = segments.map(([x1, y1, x2, y2]) => `M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}`).join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${n(lineWidth)}"${dash.length ? ` stroke-dasharray="${dash.map(n).join(' ')}"` : ''}/>`,
      );
    },
    triangles(points, fill) {
      if (points.length === 0) return;
      const d = points.map(([x1, y1, x2, y2, x3, y3]) => `M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}L${n(x3)} ${n(y3)}Z`).join('');
      parts.push(`<path d="${d}" fill="${fill}"/>`);
    },
    rings(centres, radius, stroke, lineWidth) {
      for (const [x, y] of centres)
        parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(radius)}" fill="none" stroke="${stroke}" stroke-width="${n(lineWidth)}"/>`);
    },
    image(source, sx, sy, sw, sh, dx, dy, dw, dh, smooth = false) {
      // The cropped cells as a PNG of one pixel per cell, scaled up by the viewer without smoothing.
      const crop = document.createElement('canvas');
      crop.width = Math.max(1, Math.round(sw));
      crop.height = Math.max(1, Math.round(sh));
      crop.getContext('2d')!.drawImage(source, sx, sy, sw, sh, 0, 0, crop.width, crop.height);
      const rendering = smooth ? '' : ' style="image-rendering:pixelated" image-rendering="optimizeSpeed"';
      parts.push(
        `<image x="${n(dx)}" y="${n(dy)}" width="${n(dw)}" height="${n(dh)}" preserveAspectRatio="none"${rendering} href="${crop.toDataURL('image/png')}"/>`,
      );
    },
    svg() {
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${parts.join('\n')}\n</svg>\n`;
    },
  };
}
