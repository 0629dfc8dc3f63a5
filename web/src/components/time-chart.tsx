/** A time-series line chart (uPlot): observations over time, sized to its container. */
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import { axis, count } from '../format.js'
import { Empty } from './bits.js'

export interface ChartSeries {
  label: string
  values: readonly (number | null)[]
  color: string
  /** A second y axis on the right (values of another magnitude). */
  right?: boolean
  /** Dashed stroke (a projection rather than observations). */
  dashed?: boolean
}

/** A vertical line at a time, e.g. a day flagged as unusual. */
export interface ChartMark {
  /** Epoch seconds. */
  x: number
  color: string
}

const HEIGHT = 240
const NO_MARKS: readonly ChartMark[] = []

/** A uPlot hook drawing each mark as a vertical line across the plot area. */
function drawMarks(marks: readonly ChartMark[]) {
  return (u: uPlot) => {
    const ctx = u.ctx
    ctx.save()
    ctx.lineWidth = 2 * devicePixelRatio
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio])
    for (const m of marks) {
      const left = u.valToPos(m.x, 'x', true)
      if (left < u.bbox.left || left > u.bbox.left + u.bbox.width) continue
      ctx.strokeStyle = m.color
      ctx.beginPath()
      ctx.moveTo(left, u.bbox.top)
      ctx.lineTo(left, u.bbox.top + u.bbox.height)
      ctx.stroke()
    }
    ctx.restore()
  }
}

export function TimeChart({
  x,
  series,
  label,
  marks = NO_MARKS,
  band,
}: {
  /** Epoch seconds, ascending. */
  x: readonly number[]
  series: readonly ChartSeries[]
  /** What the chart shows, for assistive technology. */
  label: string
  /** Vertical lines drawn over the plot. */
  marks?: readonly ChartMark[]
  /** Indices (into `series`) of an upper and a lower series whose gap is shaded. */
  band?: readonly [number, number]
}) {
  const box = useRef<HTMLDivElement>(null)
  const enough = x.length >= 2

  useEffect(() => {
    const el = box.current
    if (el === null || !enough) return
    const hasRight = series.some((s) => s.right)
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' } },
        {
          scale: 'left',
          stroke: '#6b7280',
          grid: { stroke: '#eef0f3' },
          size: 60,
          values: (_u, ticks) => ticks.map((t) => axis(t)),
        },
        ...(hasRight
          ? [
              {
                scale: 'right',
                side: 1 as const,
                stroke: '#6b7280',
                grid: { show: false },
                size: 60,
                values: (_u: uPlot, ticks: number[]) => ticks.map((t) => axis(t)),
              },
            ]
          : []),
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          ...(s.dashed ? { dash: [6, 4] } : {}),
          scale: s.right ? 'right' : 'left',
          points: { show: x.length <= 60, size: 6 },
          value: (_u: uPlot, v: number | null) => count(v),
        })),
      ],
      // Series indices are 1-based in uPlot (0 is x).
      ...(band
        ? { bands: [{ series: [band[0] + 1, band[1] + 1], fill: 'rgba(13,148,136,0.12)' }] }
        : {}),
      ...(marks.length > 0 ? { hooks: { draw: [drawMarks(marks)] } } : {}),
    }
    const data = [x.slice(), ...series.map((s) => s.values.slice())] as uPlot.AlignedData
    const chart = new uPlot(options, data, el)
    const resize = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(el.clientWidth, 280), height: HEIGHT })
    })
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [x, series, enough, marks, band])

  if (!enough) {
    return (
      <Empty>
        {x.length === 1
          ? 'Only one observation so far: the chart needs two.'
          : 'No observation yet.'}
      </Empty>
    )
  }
  return <div class="chart" ref={box} role="img" aria-label={label} />
}
