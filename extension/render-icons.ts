/**
 * Renders extension/icons/icon.svg to the PNG sizes the manifests name (Chrome does not take SVG
 * icons). Run after changing the SVG: `node --import tsx extension/render-icons.ts`; the PNGs are
 * committed so that a build needs no browser.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { ICON_SIZES } from './build.js'

const ICONS_DIR = fileURLToPath(new URL('icons', import.meta.url))

const svg = readFileSync(join(ICONS_DIR, 'icon.svg'), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.TOKLYTICS_CHROMIUM ?? '/usr/bin/chromium',
})
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml,${encodeURIComponent(svg)}" width="${size}" height="${size}">`,
    )
    await page.screenshot({ path: join(ICONS_DIR, `icon-${size}.png`), omitBackground: true })
    await page.close()
  }
} finally {
  await browser.close()
}
