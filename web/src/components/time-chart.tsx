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
}

const HEIGHT = 240

export function TimeChart({
  x,
  series,
  label,
}: {
  /** Epoch seconds, ascending. */
  x: readonly number[]
  series: readonly ChartSeries[]
  /** What the chart shows, for assistive technology. */
  label: string
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
          scale: s.right ? 'right' : 'left',
          points: { show: x.length <= 60, size: 6 },
          value: (_u: uPlot, v: number | null) => count(v),
        })),
      ],
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
  }, [x, series, enough])

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
