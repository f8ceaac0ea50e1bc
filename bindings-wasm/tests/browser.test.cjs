'use strict'
// Serves the demo form on 127.0.0.1 and drives it in headless Chromium (playwright-core):
// bad values must show their messages and block the submit, good values must make the form
// valid. A screenshot of each state is saved under test-output/browser/.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')
const { chromium } = require('playwright-core')

const ROOT = path.join(__dirname, '..')
const OUTPUT = path.join(ROOT, '..', 'test-output', 'browser')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitForServer(url, attempts = 100) {
  for (let i = 0; i < attempts; i++) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server at ${url} did not start`)
}

test('demo form validates as the user types and blocks invalid submits', async (t) => {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'web', 'orgkit_wasm.js')), 'build the web package first (make wasm)')
  fs.mkdirSync(OUTPUT, { recursive: true })
  const port = await freePort()
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', ROOT], {
    stdio: 'ignore',
  })
  t.after(() => server.kill())
  const url = `http://127.0.0.1:${port}/demo/index.html`
  await waitForServer(url)

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
  t.after(() => browser.close())
  const page = await browser.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]')

  const issuesOf = (id) => page.textContent(`#${id}-issues`)
  const formValid = () => page.evaluate(() => document.getElementById('create-account').checkValidity())
  const submitted = () => page.evaluate(() => document.getElementById('create-account').dataset.submitted || '0')

  // An untouched form is invalid and the browser refuses to submit it.
  assert.equal(await formValid(), false)
  await page.click('#submit')
  assert.equal(await submitted(), '0')
  assert.match(await issuesOf('email'), /length greater than or equal to 6/)

  // Bad values: each field shows why.
  await page.fill('#email', 'finance prod@example')
  await page.fill('#account-name', 'Caf\u00e9 accounts')
  await page.fill('#role-name', 'Admin Role')
  await page.fill('#billing', 'MAYBE')
  await page.fill('#parent-id', '123456789012')
  assert.match(await issuesOf('email'), /^Value \(redacted\) at 'email' failed to satisfy constraint: .*character ' ' at position 7 is not allowed/)
  assert.match(await issuesOf('billing'), /Value 'MAYBE' at 'iamUserAccessToBilling' failed to satisfy constraint: Member must satisfy enum value set: \[ALLOW, DENY\]/)
  assert.equal(await page.getAttribute('#billing', 'data-codes'), 'INVALID_ENUM')
  assert.match(await issuesOf('account-name'), /character 'é' at position 3/)
  assert.match(await issuesOf('role-name'), /character ' ' at position 5/)
  assert.match(await issuesOf('parent-id'), /expected 'r-' \(a root\) or 'ou-' \(an organizational unit\)/)
  assert.equal(await page.getAttribute('#email', 'data-codes'), 'INVALID_PATTERN')
  assert.equal(await page.getAttribute('#parent-id', 'aria-invalid'), 'true')
  assert.equal(
    await page.evaluate(() => document.getElementById('role-name').validationMessage.includes('position 5')),
    true,
  )
  await page.click('#submit')
  assert.equal(await formValid(), false)
  assert.equal(await submitted(), '0')
  assert.equal(await page.textContent('#status'), '')
  await page.screenshot({ path: path.join(OUTPUT, 'demo-invalid.png'), fullPage: true })

  // Good values: no messages, the form is valid and submits.
  await page.fill('#email', 'finance-prod@example.com')
  await page.fill('#account-name', 'Finance production')
  await page.fill('#role-name', '')
  await page.fill('#billing', 'DENY')
  await page.fill('#parent-id', 'ou-abcd-12345678')
  for (const id of ['email', 'account-name', 'role-name', 'billing', 'parent-id']) {
    assert.equal(await issuesOf(id), '', id)
  }
  assert.equal(await formValid(), true)
  await page.click('#submit')
  assert.equal(await submitted(), '1')
  assert.match(await page.textContent('#status'), /"IamUserAccessToBilling":"DENY"\}, then MoveAccount to ou-abcd-12345678/)
  await page.screenshot({ path: path.join(OUTPUT, 'demo-valid.png'), fullPage: true })

  assert.deepEqual(pageErrors, [])
})

test('the emulator runs in the page', async (t) => {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'web-emulator', 'orgkit_wasm.js')), 'build the emulator bundle first (make wasm)')
  fs.mkdirSync(OUTPUT, { recursive: true })
  const port = await freePort()
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', ROOT], {
    stdio: 'ignore',
  })
  t.after(() => server.kill())
  const url = `http://127.0.0.1:${port}/demo/emulator.html`
  await waitForServer(url)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  t.after(() => browser.close())
  const page = await browser.newPage()
  const pageErrors = []
  page.on('pageerror', (error) => pageErrors.push(error))
  await page.goto(url)
  await page.waitForSelector('body[data-ready="true"]')
  assert.match(await page.textContent('#tree'), /^Root \(r-[0-9a-z]{4}\)\n  · account-111111111111 \(111111111111\)$/)

  await page.fill('#ou-name', 'Engineering')
  await page.click('#add-ou-button')
  assert.match(await page.textContent('#result'), /^Created Engineering \(ou-[0-9a-z]{4}-[0-9a-z]{8}\)$/)
  assert.match(await page.textContent('#tree'), /\n  Engineering \(ou-/)

  // The same name again under the same parent: AWS's error, shown as such.
  await page.click('#add-ou-button')
  assert.match(await page.textContent('#result'), /^DuplicateOrganizationalUnitException: /)
  assert.equal(await page.getAttribute('#result', 'data-failed'), 'true')

  await page.fill('#invitee', '222222222222')
  await page.click('#invite-button')
  assert.match(await page.textContent('#result'), /^222222222222 accepted handshake h-/)
  assert.match(await page.textContent('#tree'), /· account-222222222222 \(222222222222\)/)
  await page.fill('#invitee', 'not-an-account')
  await page.click('#invite-button')
  assert.match(await page.textContent('#result'), /^InvalidInputException \(INVALID_PARTY_TYPE_TARGET\): Value \(redacted\) at 'target.id'/)
  await page.screenshot({ path: path.join(OUTPUT, 'emulator.png'), fullPage: true })
  assert.deepEqual(pageErrors, [])
})
