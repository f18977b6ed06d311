'use client';

import { type ReactNode, Suspense, useState } from 'react';

/**
 * A chart drawn light first (LightChart: plain SVG, in the server's HTML with the page's data)
 * and swapped for its interactive version (Recharts: tooltips, a click on a bar or a day opens
 * its drilldown) when a pointer comes over it, a finger touches it or focus reaches it. The
 * interactive version is `children`, a React.lazy component: its chunk, and Recharts with it
 * (≈ 130 KB gzip), loads only then, so it stays out of the page's first load; until it has
 * loaded the light chart stays in place.
 *
 * `label` makes the chart a focusable group (keyboard users reach the interactive version and
 * its keyboard tooltips too); leave it out where the chart sits in an aria-hidden image.
 */
export function OnDemandChart({
  light,
  children,
  label,
}: {
  light: ReactNode;
  children: ReactNode;
  label?: string;
}) {
  const [rich, setRich] = useState(false);
  const wake = () => setRich(true);
  const content = rich ? <Suspense fallback={light}>{children}</Suspense> : light;
  return label ? (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, this is a chart
    <div
      role="group"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the keyboard's way to the interactive chart, whose own surface is a focus stop the same way (Recharts' accessibility layer)
      tabIndex={0}
      className="h-full w-full rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
      onPointerEnter={wake}
      onTouchStart={wake}
      onFocus={wake}
      data-on-demand-chart={rich ? 'interactive' : 'light'}
    >
      {content}
    </div>
  ) : (
    <div
      className="h-full w-full"
      onPointerEnter={wake}
      onTouchStart={wake}
      data-on-demand-chart={rich ? 'interactive' : 'light'}
    >
      {content}
    </div>
  );
}
